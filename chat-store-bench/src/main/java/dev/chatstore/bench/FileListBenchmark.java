package dev.chatstore.bench;

import dev.chatstore.Page;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.bench.support.ReadFixtures;
import dev.chatstore.file.FileSessionStore;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 5: open a file store holding 10,000 sessions and list the first page (50) of their owner,
 * what a desktop assistant does when it starts. Each sample is one open plus one listing; the store
 * is closed after each sample, outside the timing. The OS page cache is warm after the first
 * samples (a restarted app usually finds it warm too; a cold boot would be slower).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class FileListBenchmark {
  private Path folder;
  private FileSessionStore store;

  @Setup(Level.Trial)
  public void fixture() {
    folder = ReadFixtures.fileManySessions();
  }

  @TearDown(Level.Invocation)
  public void close() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  @Benchmark
  public Page<SessionSummary> openAndListFirstPage() {
    store = FileSessionStore.open(folder);
    Page<SessionSummary> page = store.listSessions(SessionQuery.of(ReadFixtures.MANY_OWNER));
    if (page.items().size() != 50 || page.nextCursor().isEmpty()) {
      throw new IllegalStateException("unexpected first page: " + page.items().size() + " sessions");
    }
    return page;
  }
}
