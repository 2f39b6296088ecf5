package dev.chatstore.bench;

import dev.chatstore.bench.support.Replies;
import dev.chatstore.bench.support.StreamRecorder;
import dev.chatstore.bench.support.StreamTarget;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.openjdk.jmh.infra.IterationParams;

/**
 * Issue 4: persisting streamed replies of {@value #TOKENS} tokens of 4 chars through
 * {@code openStream} with the default flush policy, on H2 and on the file store. The score is the
 * wall time of a round (open, every append, complete) per token: for one stream, the persistence
 * cost per token; for {@value #STREAMS} streams at once (one thread each), its inverse throughput.
 * {@code paced} variants stream {@value #PACED_TOKENS} tokens, waiting 5 ms before each, as a fast
 * model would (200 tokens/s): the score is then mostly the waiting, and the point is the flush
 * behaviour, where the delay trigger rather than the size trigger writes (a reply of 2 s, a flush
 * every 40 ms by default). A faster pace with 100 threads would measure the machine's timers instead:
 * 100,000 wake-ups a second saturate two cores.
 *
 * <p>Besides the score, each trial reports (stdout and {@code bench-results/streams.jsonl}) the
 * durable writes per reply and the lag from each token's append to the durable write carrying it,
 * p50 / p99 / max over every token of the measurement iterations; see {@code StreamRecorder}.
 * {@link NaiveStreamBenchmark} is the ceiling to compare with.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
@State(Scope.Benchmark)
public class StreamBenchmark {
  static final int TOKENS = 2000;
  static final int STREAMS = 100;
  static final int PACED_TOKENS = 400;
  static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  @Param({"h2", "file"})
  String backend;

  private StreamTarget target;
  private StreamRecorder recorder;
  private ExecutorService threads;

  @Setup(Level.Trial)
  public void open() {
    target = StreamTarget.open(backend, STREAMS);
    recorder = new StreamRecorder(target.log());
    threads = Executors.newFixedThreadPool(STREAMS);
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
  public void close(BenchmarkParams params) {
    recorder.report(params, backend);
    threads.shutdownNow();
    target.close();
  }

  @Benchmark
  @OperationsPerInvocation(TOKENS)
  public void oneStream() {
    Replies.stream(target.store(), target.sessionId(0), TOKENS, 0, recorder);
  }

  @Benchmark
  @OperationsPerInvocation(TOKENS * STREAMS)
  public void hundredStreams() {
    Replies.concurrently(threads, STREAMS, i -> Replies.stream(target.store(), target.sessionId(i), TOKENS, 0,
        recorder));
  }

  @Benchmark
  @OperationsPerInvocation(PACED_TOKENS)
  public void oneStreamPaced() {
    Replies.stream(target.store(), target.sessionId(0), PACED_TOKENS, PACE_NANOS, recorder);
  }

  @Benchmark
  @OperationsPerInvocation(PACED_TOKENS * STREAMS)
  public void hundredStreamsPaced() {
    Replies.concurrently(threads, STREAMS, i -> Replies.stream(target.store(), target.sessionId(i), PACED_TOKENS,
        PACE_NANOS, recorder));
  }
}
