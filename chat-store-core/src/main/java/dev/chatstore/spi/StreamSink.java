package dev.chatstore.spi;

import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.StreamOptions;
import dev.chatstore.metadata.MessageMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backend implements for {@link dev.chatstore.MessageStream}s: the three writes of a streamed
 * message (begin, write, finish), each durable when it returns. The backend's one {@link StreamEngine}
 * calls it and does everything else (buffering, coalescing, timers, back-pressure, retries, grouping).
 *
 * <p><b>What the engine promises.</b> For each message: one {@link #begin}, then zero or more
 * {@link #write}s, then {@link #finish}es until one succeeds (or the stream is closed). Calls for one
 * message never overlap and come in that order; each call's {@link StreamDelta} adds to what the
 * earlier ones stored ({@link StreamDelta#plus}), and never splits a surrogate pair of either text.
 * After a write or a finish fails, the next write or finish of that message carries the failed call's
 * delta first, then possibly more ({@link StreamDelta#startsWith}): a sink whose failed call may in
 * fact have landed (a commit whose answer was lost) can recognise the repeat and store it once. The
 * group calls ({@link #beginAll}, {@link #writeAll}, {@link #finishAll}) hold calls for different
 * messages only.
 *
 * <p><b>Threads.</b> Calls for different messages may overlap, and other store operations run beside
 * them: implementations must be thread-safe. Where calls run depends on {@link #maxGroupedWrites()}:
 * <ul>
 *   <li>1 (the default: grouping gains nothing, say each stream writes its own file): begin, the
 *       writes of {@code flush()} and finish run on the host's calling thread; writes triggered by size
 *       or delay run on the engine's threads, several messages at once.
 *   <li>more than 1: every call runs on the engine's writer thread, one sink call at a time, and calls
 *       that wait together come as one group call (group commit): up to {@code maxGroupedWrites()}
 *       writes, or up to 8 begins or ends.
 * </ul>
 * Once the engine is closing, a call may run on the thread that asked for it instead.
 *
 * <p><b>Errors.</b> Throw the library's exceptions: {@link dev.chatstore.UnavailableException} for a
 * failure worth retrying (storage unreachable or busy; the engine retries background writes itself);
 * {@link dev.chatstore.ConflictException} ({@code STREAM_CLOSED}) when the message was ended elsewhere
 * (recovered by another process) and {@link dev.chatstore.NotFoundException} when it or its session is
 * gone: the stream cannot go on. {@code begin}'s exceptions reach the host from {@code openStream} as
 * they are; from a write or a finish, any other RuntimeException reaches it wrapped in an
 * UnavailableException. The group calls must not throw: each failure goes into the result by index.
 */
public interface StreamSink {
  /**
   * Writes the message {@code messageId} PENDING at the session's next seq (empty content, no tool
   * calls, the options' metadata) and returns it; conflict if the session holds that id already. Conflict if the session is deleted; not found if it does not exist.
   */
  Message begin(String sessionId, String messageId, StreamOptions options);

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
        messages.put(i, begin(begins.get(i).sessionId(), begins.get(i).messageId(), begins.get(i).options()));
      } catch (RuntimeException e) {
        failures.put(i, e);
      }
    }
    return new Results(messages, failures);
  }

  /**
   * Adds {@code delta} to what the message holds (its text to the content, its reasoning, signature,
   * tool calls and attachments to theirs: see {@link StreamDelta}), and sets STREAMING. Should not
   * rewrite what is already stored where the backend can avoid it.
   */
  void write(String sessionId, String messageId, StreamDelta delta);

  /**
   * Writes several streams' {@link #write}s, in one durable step where the backend can (group commit:
   * a hundred streams then cost a few commits a tick, not a hundred). The engine never puts two writes
   * of one stream in one call, nor a stream whose other call is running. Returns each failed write's
   * exception by its index in {@code writes}; the writes not in the map are durable. Must not throw:
   * a write that cannot be done is reported in the map (one that fails alone should fail alone, so the
   * other streams go on).
   *
   * <p>The default writes one after another.
   */
  default Map<Integer, RuntimeException> writeAll(List<Write> writes) {
    Map<Integer, RuntimeException> failures = new HashMap<>();
    for (int i = 0; i < writes.size(); i++) {
      Write w = writes.get(i);
      try {
        write(w.sessionId(), w.messageId(), w.delta());
      } catch (RuntimeException e) {
        failures.put(i, e);
      }
    }
    return failures;
  }

  /**
   * The most writes one {@link #writeAll} call should take (begins and ends come at most 8 to a
   * {@link #beginAll} or {@link #finishAll} call, and never more than this). 1, the default, says
   * grouping gains nothing here: the engine then never calls the group methods, and runs calls as the
   * class comment says. Read once, when the engine is built.
   */
  default int maxGroupedWrites() {
    return 1;
  }

  /**
   * In one atomic step: adds the last {@code delta}, sets the final {@code status} and replaces the
   * metadata with {@code metadata}; returns the final message, whose parts are
   * {@link StreamDelta#parts()} of everything the stream wrote.
   */
  Message finish(String sessionId, String messageId, StreamDelta delta, MessageStatus status,
      MessageMetadata metadata);

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
        messages.put(i, finish(f.sessionId(), f.messageId(), f.delta(), f.status(), f.metadata()));
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
  record Begin(String sessionId, String messageId, StreamOptions options) {}

  /** One stream's {@link #write}, as a value for {@link #writeAll}. */
  record Write(String sessionId, String messageId, StreamDelta delta) {}

  /** One stream's {@link #finish}, as a value for {@link #finishAll}. */
  record Finish(String sessionId, String messageId, StreamDelta delta, MessageStatus status,
      MessageMetadata metadata) {}

  /** What {@link #beginAll} or {@link #finishAll} did: each message, or why it could not be done, by index. */
  record Results(Map<Integer, Message> messages, Map<Integer, RuntimeException> failures) {}
}
