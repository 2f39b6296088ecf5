package dev.chatstore.bench;

import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.bench.support.AppendFixtures;
import dev.chatstore.bench.support.AppendTargets;
import dev.chatstore.bench.support.BenchPaths;
import dev.chatstore.bench.support.Texts;
import dev.chatstore.file.FileSessionStore;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 5: one {@code append} onto a session of n messages in the file store with its default fsync
 * policy (every write forced). As in {@link JdbcAppendBenchmark}, each iteration times
 * {@value #APPENDS} appends and the sessions are sized so every append lands on one of n to 1.1 n
 * messages. The target sessions are loaded before measuring and the store may keep them all loaded
 * ({@code maxLoadedSessions}), as an application keeps its open chats: this measures the append, not
 * the first read of a session's file ({@link FileLoadBenchmark} does that).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
@State(Scope.Benchmark)
public class FileAppendBenchmark {
  /** Appends per iteration, unless {@code -opi} overrides it. */
  static final int APPENDS = 200;

  @Param({"10", "10000"})
  int n;

  private Path folder;
  private FileSessionStore store;
  private AppendTargets targets;
  private int ops;

  @Setup(Level.Trial)
  public void open(BenchmarkParams params) {
    ops = params.getOpsPerInvocation();
    long appends = AppendTargets.appendsPerTrial(params);
    folder = AppendFixtures.file(n, appends);
    targets = AppendTargets.of(n, appends);
    int loaded = Math.max(FileSessionStore.DEFAULT_MAX_LOADED_SESSIONS, targets.sessionIds().size() + 1);
    store = FileSessionStore.builder(folder).maxLoadedSessions(loaded).open();
    for (String id : targets.sessionIds()) {
      store.messages(id, MessageQuery.latest(1));
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
    BenchPaths.deleteTree(folder);
  }

  @Benchmark
  @OperationsPerInvocation(APPENDS)
  public void append(Blackhole bh) {
    for (int i = 0; i < ops; i++) {
      bh.consume(store.append(targets.next(), NewMessage.user(Texts.message())));
    }
  }
}
