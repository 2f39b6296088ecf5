package dev.chatstore.spi;

import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import dev.chatstore.metadata.MessageMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backend does for a {@link dev.chatstore.MessageStream}: the three writes of a streamed
 * message. The shared {@link StreamEngine} buffers, coalesces and orders the calls; one stream's calls
 * never overlap. Each method returns only once its write is durable and throws the library's own
 * exceptions.
 */
public interface StreamSink {
  /**
   * Writes the message PENDING at the session's next seq (empty content, no tool calls, the options'
   * metadata) and returns it. Conflict if the session is deleted; not found if it does not exist.
   */
  Message begin(String sessionId, StreamOptions options);

  /**
   * Begins several messages, each as {@link #begin} would, in one durable step where the backend
   * can. Each index of {@code begins} is in exactly one map of the result. Must not throw: a begin
   * that cannot be done is reported in the result.
   *
   * <p>The default begins one after another.
   */
  default Results beginAll(List<Begin> begins) {
    Map<Integer, Message> messages = new HashMap<>();
    Map<Integer, RuntimeException> failures = new HashMap<>();
    for (int i = 0; i < begins.size(); i++) {
      try {
        messages.put(i, begin(begins.get(i).sessionId(), begins.get(i).options()));
      } catch (RuntimeException e) {
        failures.put(i, e);
      }
    }
    return new Results(messages, failures);
  }

  /**
   * Appends {@code text} to the stored content and {@code toolCalls} to the stored calls, and sets
   * STREAMING. Should not rewrite the content already stored where the backend can avoid it.
   */
  void write(String sessionId, String messageId, String text, List<ToolCall> toolCalls);

  /**
   * Writes several streams' {@link #write}s, in one durable step where the backend can (group commit:
   * a hundred streams then cost a few commits a tick, not a hundred). The engine never puts two writes
   * of one stream in one call, nor a stream whose other write is running. Returns each failed write's
   * exception by its index in {@code writes}; the writes not in the map are durable. Must not throw:
   * a write that cannot be done is reported in the map.
   *
   * <p>The default writes one after another.
   */
  default Map<Integer, RuntimeException> writeAll(List<Write> writes) {
    Map<Integer, RuntimeException> failures = new HashMap<>();
    for (int i = 0; i < writes.size(); i++) {
      Write w = writes.get(i);
      try {
        write(w.sessionId(), w.messageId(), w.text(), w.toolCalls());
      } catch (RuntimeException e) {
        failures.put(i, e);
      }
    }
    return failures;
  }

  /**
   * The most streams one {@link #writeAll}, {@link #beginAll} or {@link #finishAll} call should take.
   * 1, the default, says grouping gains nothing here (say, each stream writes its own file), so the
   * engine writes streams one by one on several threads, and begins and ends them on the caller's
   * thread.
   */
  default int maxGroupedWrites() {
    return 1;
  }

  /**
   * In one atomic step: appends the last {@code text} and {@code toolCalls}, sets the final
   * {@code status} and replaces the metadata with {@code metadata}; returns the final message.
   */
  Message finish(String sessionId, String messageId, String text, List<ToolCall> toolCalls,
      MessageStatus status, MessageMetadata metadata);

  /**
   * Ends several streams, each as {@link #finish} would, in one durable step where the backend can:
   * a hundred replies ending at once then wait for one commit, not for a hundred in turn. Each index
   * of {@code finishes} is in exactly one map of the result. Must not throw: a finish that cannot be
   * done is reported in the result.
   *
   * <p>The default finishes one after another.
   */
  default Results finishAll(List<Finish> finishes) {
    Map<Integer, Message> messages = new HashMap<>();
    Map<Integer, RuntimeException> failures = new HashMap<>();
    for (int i = 0; i < finishes.size(); i++) {
      Finish f = finishes.get(i);
      try {
        messages.put(i, finish(f.sessionId(), f.messageId(), f.text(), f.toolCalls(), f.status(), f.metadata()));
      } catch (RuntimeException e) {
        failures.put(i, e);
      }
    }
    return new Results(messages, failures);
  }

  /** The failures of a group of {@code count} calls that all failed with {@code e}, by index. */
  static Map<Integer, RuntimeException> allFailed(int count, RuntimeException e) {
    Map<Integer, RuntimeException> failures = new HashMap<>();
    for (int i = 0; i < count; i++) {
      failures.put(i, e);
    }
    return failures;
  }

  /** One stream's {@link #begin}, as a value for {@link #beginAll}. */
  record Begin(String sessionId, StreamOptions options) {}

  /** One stream's {@link #write}, as a value for {@link #writeAll}. */
  record Write(String sessionId, String messageId, String text, List<ToolCall> toolCalls) {}

  /** One stream's {@link #finish}, as a value for {@link #finishAll}. */
  record Finish(String sessionId, String messageId, String text, List<ToolCall> toolCalls, MessageStatus status,
      MessageMetadata metadata) {}

  /** What {@link #beginAll} or {@link #finishAll} did: each message, or why it could not be done, by index. */
  record Results(Map<Integer, Message> messages, Map<Integer, RuntimeException> failures) {}
}
