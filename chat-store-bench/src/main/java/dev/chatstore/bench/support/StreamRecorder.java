package dev.chatstore.bench.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Collects, over a trial's measurement iterations only, the replies streamed and the durable writes
 * made, then reports per reply the writes and, per token, the lag from the token's append to the
 * durable write that carried it: the first write after which the message's durable text covered the
 * token ({@link WriteLog} timelines), or the return of the reply's complete() for text that no earlier
 * write carried. Results are printed and appended as a JSON line to {@code bench-results/streams.jsonl}.
 * Thread-safe for {@link #trace} and {@link #finished} (any streaming thread); the iteration and report
 * calls come from the one benchmark thread.
 */
public final class StreamRecorder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WriteLog log;
  private final ConcurrentLinkedQueue<ReplyTrace> replies = new ConcurrentLinkedQueue<>();
  private volatile boolean recording;
  private final LongList lags = new LongList();
  private long writesAtStart;
  private long measuredWrites;
  private long replyCount;
  private long byComplete;

  public StreamRecorder(WriteLog log) {
    this.log = log;
  }

  /** Call from {@code @Setup(Level.Iteration)}: records only measurement iterations. */
  public void beginIteration(IterationParams params) {
    log.clear();
    replies.clear();
    recording = params.getType() == IterationType.MEASUREMENT;
    writesAtStart = log.writes();
  }

  /** Call from {@code @TearDown(Level.Iteration)}: every reply of the iteration has ended by now. */
  public void endIteration() {
    if (recording) {
      measuredWrites += log.writes() - writesAtStart;
      measure();
    }
    recording = false;
    replies.clear();
    log.clear();
  }

  /** A reply to trace, or null when not recording (warmup). */
  public ReplyTrace trace(String messageId, int tokens) {
    return recording ? new ReplyTrace(messageId, tokens) : null;
  }

  /** Keeps a finished reply's trace (null is ignored). */
  public void finished(ReplyTrace trace) {
    if (trace != null) {
      replies.add(trace);
    }
  }

  private void measure() {
    Map<String, List<long[]>> timelines = log.timelines();
    for (ReplyTrace r : replies) {
      List<long[]> timeline = timelines.getOrDefault(r.messageId(), List.of());
      int w = 0;
      for (int i = 0; i < r.tokens(); i++) {
        while (w < timeline.size() && timeline.get(w)[1] < r.endChars(i)) {
          w++;
        }
        long durableAt;
        if (w < timeline.size()) {
          durableAt = timeline.get(w)[0];
        } else {
          durableAt = r.doneNanos();
          byComplete++;
        }
        lags.add(durableAt - r.appendNanos(i));
      }
      replyCount++;
    }
  }

  /** Computes, prints and stores the trial's figures; {@code label} names the variant. */
  public void report(BenchmarkParams params, String label) {
    long[] sorted = lags.toArray();
    Arrays.sort(sorted);
    ObjectNode out = JSON.createObjectNode();
    out.put("benchmark", params.getBenchmark());
    out.put("label", label);
    ObjectNode p = out.putObject("params");
    params.getParamsKeys().forEach(key -> p.put(key, params.getParam(key)));
    out.put("replies", replyCount);
    out.put("tokens", sorted.length);
    out.put("durableWrites", measuredWrites);
    out.put("writesPerReply", replyCount == 0 ? 0 : (double) measuredWrites / replyCount);
    out.put("tokensMadeDurableByComplete", byComplete);
    out.put("lagP50Ms", millis(percentile(sorted, 0.50)));
    out.put("lagP99Ms", millis(percentile(sorted, 0.99)));
    out.put("lagMaxMs", millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
    out.put("finishedAt", Instant.now().toString());
    String line = out.toString();
    System.out.println();
    System.out.println("[streams] " + line);
    try {
      Files.writeString(BenchPaths.results().resolve("streams.jsonl"), line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
