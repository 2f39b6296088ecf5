package dev.chatstore.internal.stream;

import dev.chatstore.ChatStoreException;
import dev.chatstore.ConflictException;
import dev.chatstore.FlushPolicy;
import dev.chatstore.InvalidInputException;
import dev.chatstore.StoreLimits;
import dev.chatstore.ToolCall;
import dev.chatstore.spi.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One stream's state with no threads, locks or clock: the text and tool calls not yet written, when a
 * write is due (size, delay, backoff after failures), what a write takes (never half a surrogate pair),
 * how much waits unwritten (back-pressure), and where the stream is in its life ({@link Phase}). Times
 * are {@link System#nanoTime()} readings passed in by the caller.
 *
 * <p>At most one write or end is out at a time: {@link #takeWrite} and {@link #takeEnd} hand out a
 * {@link Batch}, and exactly one of the outcome methods of its phase takes it back.
 *
 * <p>Not thread-safe: {@link BufferedStream} calls it under its lock. Throws
 * {@link InvalidInputException} for input past the limits and {@link ConflictException} once ended.
 */
final class StreamBuffer {
  /** Where a stream is: nothing out, one write out, its end out, or over. */
  enum Phase { OPEN, WRITING, ENDING, ENDED }

  /** Background attempts after a failed write before waiting for the next trigger. */
  static final int MAX_BACKGROUND_RETRIES = 5;
  private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
  // Past this, an emptied buffer gives its memory back rather than holding a peak-sized array.
  private static final int KEPT_CAPACITY = 64 * 1024;

  private final String sessionId;
  private final String messageId;
  private final FlushPolicy policy;
  private final long maxDelayNanos;
  private final StoreLimits limits;

  private StringBuilder text = new StringBuilder();
  private final List<ToolCall> calls = new ArrayList<>();
  private long oldestNanos; // when the oldest unwritten text or call arrived
  private long contentChars; // appended so far, written or not
  private int toolCallCount;
  private long appended; // how many appends were accepted ...
  private long durable; // ... and how many of them are written
  private Phase phase = Phase.OPEN;
  private Batch out; // the write or end under way, while WRITING or ENDING
  private int failures; // failed writes and ends since the last one that worked
  private ChatStoreException unreported; // a background write's failure, for the host's next call

  StreamBuffer(String sessionId, String messageId, FlushPolicy policy, StoreLimits limits) {
    this.sessionId = sessionId;
    this.messageId = messageId;
    this.policy = policy;
    this.maxDelayNanos = nanos(policy.maxDelay());
    this.limits = limits;
  }

  Phase phase() {
    return phase;
  }

  /** Throws once the stream has ended, or (once) the failure of a background write not yet reported. */
  void checkUsable() {
    if (phase == Phase.ENDED) {
      throw closed();
    }
    if (unreported != null) {
      ChatStoreException e = unreported;
      unreported = null;
      throw e;
    }
  }

  /** Keeps a background write's failure for the host's next call (a later write that works drops it). */
  void report(ChatStoreException failure) {
    unreported = failure;
  }

  ConflictException closed() {
    return new ConflictException(ConflictException.Reason.STREAM_CLOSED,
        "stream " + messageId + " of session " + sessionId + " has ended");
  }

  // ---- input -------------------------------------------------------------------------------

  /** Refuses a chunk with unpaired surrogates, given the half pair the text so far may end with. */
  void checkWellFormed(String chunk) {
    Checks.wellFormed(chunk, "chunk", endsHalfPair(), true);
  }

  /** Refuses {@code chars} more characters if they would take the content past its limit. */
  void checkContentRoom(int chars) {
    if (contentChars + chars > limits.maxContentChars()) {
      throw new InvalidInputException("chunk", "would take the content to " + (contentChars + chars)
          + " characters, more than the limit of " + limits.maxContentChars());
    }
  }

  /**
   * Back-pressure: false while taking {@code chars} more would leave more than the policy's
   * maxPendingChars unwritten. A chunk larger than the cap alone is taken once nothing else waits, or it
   * could never fit.
   */
  boolean hasRoomFor(int chars) {
    long unwritten = unwrittenChars();
    return unwritten == 0 || unwritten + chars <= policy.maxPendingChars();
  }

  /** Characters buffered or in the write under way. */
  long unwrittenChars() {
    return (long) text.length() + (out == null ? 0 : out.text().length());
  }

  void append(String chunk, long nowNanos) {
    markBuffered(nowNanos);
    text.append(chunk);
    contentChars += chunk.length();
    appended++;
  }

  void addCall(ToolCall call, long nowNanos) {
    if (toolCallCount >= limits.maxToolCallsPerMessage()) {
      throw new InvalidInputException("toolCalls",
          "would hold more than the limit of " + limits.maxToolCallsPerMessage() + " calls");
    }
    markBuffered(nowNanos);
    calls.add(call);
    toolCallCount++;
    appended++;
  }

  // ---- when to write -----------------------------------------------------------------------

  /** True when there is something a write could store (a held-back half pair alone is not). */
  boolean hasBuffered() {
    return text.length() > (endsHalfPair() ? 1 : 0) || !calls.isEmpty();
  }

  /** The size trigger: maxBufferedChars are waiting. */
  boolean sizeDue() {
    return text.length() >= policy.maxBufferedChars();
  }

  /** True if something is buffered and the size or the delay trigger has fired. */
  boolean writeDue(long nowNanos) {
    return hasBuffered() && (sizeDue() || nowNanos - oldestNanos >= maxDelayNanos);
  }

  /** How long until the delay trigger fires for what is buffered, and at least the backoff after failures. */
  long timerDelayNanos(long nowNanos) {
    long due = oldestNanos + maxDelayNanos - nowNanos;
    return Math.max(0, Math.max(due, failures > 0 ? backoffNanos() : 0));
  }

  /** The wait before the next background attempt: doubling from 10 ms per failure, at most 1 s. */
  long backoffNanos() {
    int shift = Math.min(Math.max(failures - 1, 0), 20);
    return Math.min(FIRST_BACKOFF_NANOS << shift, MAX_BACKOFF_NANOS);
  }

  /** True while background writes may retry on their own after failures. */
  boolean retriesLeft() {
    return failures <= MAX_BACKGROUND_RETRIES;
  }

  long appended() {
    return appended;
  }

  /** True once the first {@code count} appends are written (or ended the stream). */
  boolean durableUpTo(long count) {
    return durable >= count;
  }

  // ---- writes and the end ------------------------------------------------------------------

  /** OPEN to WRITING: everything buffered, a trailing high surrogate held back for its other half. */
  Batch takeWrite() {
    requirePhase(Phase.OPEN);
    phase = Phase.WRITING;
    return take(false);
  }

  /** OPEN to ENDING: everything buffered; a half pair the producer never completed becomes U+FFFD. */
  Batch takeEnd() {
    requirePhase(Phase.OPEN);
    phase = Phase.ENDING;
    return take(true);
  }

  /**
   * Still WRITING: the write out grown by everything buffered since it was taken (a trailing half pair
   * still held back). Changes nothing: if the grown write replaces the one out, call {@link #grew}.
   */
  Batch grownWrite() {
    requirePhase(Phase.WRITING);
    String held = heldBack();
    String added = text.substring(0, text.length() - held.length());
    List<ToolCall> allCalls = new ArrayList<>(out.calls());
    allCalls.addAll(calls);
    return new Batch(out.text() + added, List.copyOf(allCalls), appended, out.isEmpty() ? oldestNanos : out.oldestNanos());
  }

  /** Still WRITING: {@code grown}, from {@link #grownWrite} with nothing appended since, is the write out now. */
  void grew(Batch grown) {
    requirePhase(Phase.WRITING);
    out = grown;
    clearKeeping(heldBack());
  }

  /** WRITING to OPEN: the write is durable. */
  void written() {
    requirePhase(Phase.WRITING);
    durable = Math.max(durable, out.target());
    failures = 0;
    unreported = null; // a later write got through: the earlier failure no longer matters
    out = null;
    phase = Phase.OPEN;
  }

  /** WRITING to OPEN: the write failed; its text and calls are buffered again, ahead of newer ones. */
  void writeFailed() {
    requirePhase(Phase.WRITING);
    putBack();
    failures++;
    phase = Phase.OPEN;
  }

  /** WRITING to OPEN: the write was taken back before it reached the sink; nothing failed. */
  void writeWithdrawn() {
    requirePhase(Phase.WRITING);
    putBack();
    phase = Phase.OPEN;
  }

  /**
   * Still ENDING: the end's text and calls were written ahead of it, so they are durable; returns what
   * the end itself still has to write (nothing, and the same append count).
   */
  Batch endTextWritten() {
    requirePhase(Phase.ENDING);
    durable = Math.max(durable, out.target());
    out = new Batch("", List.of(), out.target(), out.oldestNanos());
    return out;
  }

  /** ENDING to ENDED: the final state is durable. */
  void ended() {
    requirePhase(Phase.ENDING);
    durable = Math.max(durable, out.target());
    out = null;
    unreported = null;
    phase = Phase.ENDED;
  }

  /**
   * ENDING to OPEN, so the host may try again, or to ENDED if {@code over} (close(): what was written
   * stays and recovery finishes the message). The unwritten text is buffered again either way.
   */
  void endFailed(boolean over) {
    requirePhase(Phase.ENDING);
    putBack();
    failures++;
    phase = over ? Phase.ENDED : Phase.OPEN;
  }

  private Batch take(boolean last) {
    String held = heldBack();
    String taken = text.substring(0, text.length() - held.length());
    if (last && !held.isEmpty()) {
      taken += '\uFFFD';
      held = "";
    }
    out = new Batch(taken, List.copyOf(calls), appended, oldestNanos);
    clearKeeping(held);
    return out;
  }

  /** The trailing high surrogate a write that is not the last holds back, or "". */
  private String heldBack() {
    return endsHalfPair() ? text.substring(text.length() - 1) : "";
  }

  /** Empties the buffer but for {@code held}. */
  private void clearKeeping(String held) {
    if (text.capacity() > KEPT_CAPACITY) {
      text = new StringBuilder();
    } else {
      text.setLength(0);
    }
    text.append(held);
    calls.clear();
  }

  private void putBack() {
    text.insert(0, out.text());
    calls.addAll(0, out.calls());
    if (!out.isEmpty()) {
      oldestNanos = out.oldestNanos();
    }
    out = null;
  }

  private void markBuffered(long nowNanos) {
    if (!hasBuffered()) {
      oldestNanos = nowNanos;
    }
  }

  private boolean endsHalfPair() {
    return text.length() > 0 && Character.isHighSurrogate(text.charAt(text.length() - 1));
  }

  private void requirePhase(Phase expected) {
    if (phase != expected) {
      throw new IllegalStateException("stream " + messageId + " is " + phase + ", not " + expected);
    }
  }

  /** A duration in nanoseconds, capped so that adding it to a nanoTime reading cannot overflow. */
  static long nanos(Duration duration) {
    long cap = Long.MAX_VALUE / 4;
    try {
      return Math.min(duration.toNanos(), cap);
    } catch (ArithmeticException e) {
      return cap;
    }
  }

  /**
   * One write's worth, immutable: the text and calls taken from the buffer, the append count they make
   * durable, and when the oldest of them arrived.
   */
  record Batch(String text, List<ToolCall> calls, long target, long oldestNanos) {
    boolean isEmpty() {
      return text.isEmpty() && calls.isEmpty();
    }
  }
}
