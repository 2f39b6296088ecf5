package dev.chatstore.bench.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the observed storage made durable, and when: for each streamed message, how many characters
 * of its text each durable write carried and the {@link System#nanoTime()} at which that write
 * returned (a JDBC commit, a file force). Also counts durable writes. Observers record raw facts
 * cheaply while the benchmark runs; {@link #timelines()} turns them into per-message timelines
 * afterwards. Thread-safe.
 */
public final class WriteLog {
  /** {@code chars} more characters of message {@code messageId} were durable at {@code nanos}. */
  private record Durable(String messageId, int chars, long nanos) {}

  /** Session-file bytes forced to disk at {@code nanos}, parsed later. */
  private record Forced(byte[] bytes, long nanos) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConcurrentLinkedQueue<Durable> durable = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Forced> forced = new ConcurrentLinkedQueue<>();
  private final AtomicLong writes = new AtomicLong();

  /** One durable write (a commit or an fsync) happened. */
  public void write() {
    writes.incrementAndGet();
  }

  /** Durable writes so far. */
  public long writes() {
    return writes.get();
  }

  /** {@code chars} characters of streamed text of {@code messageId} became durable at {@code nanos}. */
  public void durable(String messageId, int chars, long nanos) {
    durable.add(new Durable(messageId, chars, nanos));
  }

  /** Session-file lines (JSON) were forced to disk at {@code nanos}. */
  public void forced(byte[] lines, long nanos) {
    forced.add(new Forced(lines, nanos));
  }

  /** Forgets everything recorded (between trials). */
  public void clear() {
    durable.clear();
    forced.clear();
  }

  /**
   * Per message id: the durable writes of its streamed text in time order, each as
   * {@code {nanos, cumulative chars}}.
   */
  public Map<String, List<long[]>> timelines() {
    List<Durable> all = new ArrayList<>(durable);
    for (Forced f : forced) {
      parseLines(f, all);
    }
    all.sort((a, b) -> Long.compare(a.nanos, b.nanos));
    Map<String, List<long[]>> out = new HashMap<>();
    Map<String, Long> sums = new HashMap<>();
    for (Durable d : all) {
      long sum = sums.merge(d.messageId, (long) d.chars, Long::sum);
      out.computeIfAbsent(d.messageId, k -> new ArrayList<>()).add(new long[] {d.nanos, sum});
    }
    return out;
  }

  // A session file's stream lines carry the message id and only the text added since the last line.
  private static void parseLines(Forced f, List<Durable> into) {
    String text = new String(f.bytes, StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      if (!line.contains("\"stream.flushed\"") && !line.contains("\"stream.finished\"")) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        into.add(new Durable(node.get("id").asText(), node.get("text").asText().length(), f.nanos));
      } catch (IOException e) {
        throw new UncheckedIOException("unreadable session-file line: " + line, e);
      }
    }
  }
}
