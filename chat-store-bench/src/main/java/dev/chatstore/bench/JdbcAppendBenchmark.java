package dev.chatstore.bench;

import dev.chatstore.NewMessage;
import dev.chatstore.bench.support.AppendFixtures;
import dev.chatstore.bench.support.AppendTargets;
import dev.chatstore.bench.support.BareInsert;
import dev.chatstore.bench.support.BenchPaths;
import dev.chatstore.bench.support.Texts;
import dev.chatstore.jdbc.JdbcSessionStore;
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
 * Issue 3: one {@code append} onto a session already holding n messages, on the embedded H2 default
 * ({@code JdbcSessionStore.h2}, durable settings), and in the same run the floor: a bare JDBC INSERT
 * of the same row into the same table, through a connection with the same URL settings; and, to show
 * where the difference goes, the same INSERT preceded in its transaction by the store's session-row
 * update, still by plain JDBC.
 *
 * <p>SingleShotTime: each iteration times {@value #APPENDS} consecutive appends (or what {@code -opi}
 * says) and reports the mean per append, so the number of appends is known in advance and the
 * sessions can be sized for it (see {@link AppendTargets}: every append lands on a session of n to 1.1 n messages).
 * Both databases hold at least 100,000 messages, so only the session's length differs between sizes.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
public class JdbcAppendBenchmark {
  /** Appends per iteration, unless {@code -opi} overrides it. */
  static final int APPENDS = 200;

  /** A store on a fresh copy of the append fixture for size n. */
  @State(Scope.Benchmark)
  public static class StoreState {
    @Param({"10", "1000", "10000", "100000"})
    int n;

    Path folder;
    JdbcSessionStore store;
    AppendTargets targets;
    int ops;

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) {
      ops = params.getOpsPerInvocation();
      long appends = AppendTargets.appendsPerTrial(params);
      folder = AppendFixtures.h2(n, appends);
      targets = AppendTargets.of(n, appends);
      store = JdbcSessionStore.h2(folder);
    }

    @TearDown(Level.Trial)
    public void close() {
      store.close();
      BenchPaths.deleteTree(folder);
    }
  }

  /** A bare connection on a fresh copy of the largest-table fixture. */
  @State(Scope.Benchmark)
  public static class BareState {
    Path folder;
    BareInsert insert;
    int ops;

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) {
      ops = params.getOpsPerInvocation();
      // the n=10 fixture: 100,000 messages in the table, like every store variant
      folder = AppendFixtures.h2(10, AppendTargets.appendsPerTrial(params));
      insert = BareInsert.open(folder);
    }

    @TearDown(Level.Trial)
    public void close() {
      insert.close();
      BenchPaths.deleteTree(folder);
    }
  }

  @Benchmark
  @OperationsPerInvocation(APPENDS)
  public void append(StoreState s, Blackhole bh) {
    for (int i = 0; i < s.ops; i++) {
      bh.consume(s.store.append(s.targets.next(), NewMessage.user(Texts.message())));
    }
  }

  @Benchmark
  @OperationsPerInvocation(APPENDS)
  public void bareInsert(BareState s, Blackhole bh) {
    for (int i = 0; i < s.ops; i++) {
      bh.consume(s.insert.insertOne());
    }
  }

  /** Not a target: the store's two statements by plain JDBC, to split the gap above the floor. */
  @Benchmark
  @OperationsPerInvocation(APPENDS)
  public void bareInsertWithSessionUpdate(BareState s, Blackhole bh) {
    for (int i = 0; i < s.ops; i++) {
      bh.consume(s.insert.withSessionUpdate());
    }
  }
}
