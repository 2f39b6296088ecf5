package dev.chatstore.bench;

import dev.chatstore.Page;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.bench.support.H2Bench;
import dev.chatstore.bench.support.ReadFixtures;
import dev.chatstore.jdbc.JdbcSessionStore;
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
 * Issue 3: the first page (50, most recently updated first) of an owner with 100,000 sessions on the
 * H2 default. SampleTime: the median and tail of single listings. The store is opened with H2's reuse
 * of identical results off ({@link H2Bench#readUrl}), so every sample really reads.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class JdbcListBenchmark {
  private JdbcSessionStore store;

  @Setup(Level.Trial)
  public void open() {
    store = H2Bench.openForReading(ReadFixtures.h2ManySessions());
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  @Benchmark
  public Page<SessionSummary> firstPage() {
    Page<SessionSummary> page = store.listSessions(SessionQuery.of(ReadFixtures.MANY_OWNER));
    if (page.items().size() != 50 || page.nextCursor().isEmpty()) {
      throw new IllegalStateException("unexpected first page: " + page.items().size() + " sessions");
    }
    return page;
  }
}
