package dev.chatstore.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatstore.bench.support.NaiveReply;
import dev.chatstore.bench.support.ObservedDataSource;
import dev.chatstore.bench.support.Replies;
import dev.chatstore.bench.support.StreamRecorder;
import dev.chatstore.bench.support.StreamTarget;
import dev.chatstore.bench.support.WriteLog;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Issue 4's ceiling: the same replies as {@link StreamBenchmark} ({@value StreamBenchmark#TOKENS}
 * tokens, one stream or {@value StreamBenchmark#STREAMS} at once) persisted the naive way, one
 * auto-committed UPDATE of the whole content per token ({@link NaiveReply}), on the same H2 URL and
 * tables. Each stream has a connection of its own, the most favourable setup for the naive pattern.
 * Reports writes per reply and lag like the store's variant.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class NaiveStreamBenchmark {
  private StreamTarget target;
  private HikariDataSource pool;
  private NaiveReply[] replies;
  private StreamRecorder recorder;
  private ExecutorService threads;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    target = StreamTarget.open("h2", StreamBenchmark.STREAMS);
    WriteLog log = target.log();
    pool = dev.chatstore.bench.support.H2Bench.pool(target.folder(), StreamBenchmark.STREAMS);
    DataSource observed = new ObservedDataSource(pool, log);
    replies = new NaiveReply[StreamBenchmark.STREAMS];
    for (int i = 0; i < replies.length; i++) {
      replies[i] = new NaiveReply(observed.getConnection(), target.sessionId(i));
    }
    recorder = new StreamRecorder(log);
    threads = Executors.newFixedThreadPool(StreamBenchmark.STREAMS);
  }

  @Setup(Level.Iteration)
  public void beginIteration(IterationParams params) {
    recorder.beginIteration(params);
  }

  @TearDown(Level.Iteration)
  public void endIteration() {
    recorder.endIteration();
  }

  @TearDown(Level.Trial)
  public void close(BenchmarkParams params) throws SQLException {
    recorder.report(params, "naive-h2");
    threads.shutdownNow();
    for (NaiveReply r : replies) {
      r.close();
    }
    pool.close();
    target.close();
  }

  @Benchmark
  @OperationsPerInvocation(StreamBenchmark.TOKENS)
  public void oneStream() throws SQLException {
    replies[0].stream(StreamBenchmark.TOKENS, target.log(), recorder);
  }

  // 200,000 UPDATEs a round (over a minute on the recorded machine): no warmup round, three measured
  @Benchmark
  @Warmup(iterations = 0)
  @Measurement(iterations = 3)
  @OperationsPerInvocation(StreamBenchmark.TOKENS * StreamBenchmark.STREAMS)
  public void hundredStreams() {
    Replies.concurrently(threads, StreamBenchmark.STREAMS,
        i -> replies[i].stream(StreamBenchmark.TOKENS, target.log(), recorder));
  }
}
