package dev.chatstore.internal.stream;

import dev.chatstore.ChatStoreException;
import dev.chatstore.ConflictException;
import dev.chatstore.FlushPolicy;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MediaPart;
import dev.chatstore.Part;
import dev.chatstore.PartLimits;
import dev.chatstore.StoreLimits;
import dev.chatstore.ToolCall;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.InputRules;
import dev.chatstore.spi.StreamDelta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One stream's state with no threads, locks or clock: what is not yet written on each channel (answer
 * text, reasoning text, the reasoning's signature, tool calls, attached parts), when a
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
  private StringBuilder reasoning = new StringBuilder();
  private String signature; // the latest signature given and not yet written, or null
  private final List<ToolCall> calls = new ArrayList<>();
  private final List<Part> attachments = new ArrayList<>();
  private long oldestNanos; // when the oldest unwritten item arrived
  private long contentChars; // answer text appended so far, written or not
  private long reasoningChars; // reasoning appended so far, written or not
  private long signedChars; // the latest signature's length
  private long attachedSize; // what the attached parts count toward the message's size
  private long inlineBytes; // the attached parts' inline bytes
  private int attachedCount;
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

  /**
   * Refuses a chunk with unpaired surrogates, given the half pair its channel's text so far may end
   * with.
   */
  void checkWellFormed(String chunk, boolean isReasoning) {
    Checks.wellFormed(chunk, "chunk", endsHalfPair(isReasoning ? reasoning : text), true);
  }

  /**
   * Refuses {@code chars} more characters on a channel if they would take its text past its limit
   * (the content limit for answer text, a part's for reasoning) or the message past its size.
   */
  void checkRoom(int chars, boolean isReasoning) {
    if (isReasoning) {
      if (reasoningChars + chars > limits.parts().maxPartChars()) {
        throw new InvalidInputException("chunk", "would take the reasoning to " + (reasoningChars + chars)
            + " characters, more than the limit of " + limits.parts().maxPartChars() + " per part");
      }
    } else if (contentChars + chars > limits.maxContentChars()) {
      throw new InvalidInputException("chunk", "would take the content to " + (contentChars + chars)
          + " characters, more than the limit of " + limits.maxContentChars());
    }
    checkMessageSize(chars, "chunk");
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

  /** Characters of either channel buffered or in the write under way. */
  long unwrittenChars() {
    long out = this.out == null ? 0 : this.out.delta().text().length() + this.out.delta().reasoning().length();
    return (long) text.length() + reasoning.length() + out;
  }

  void append(String chunk, boolean isReasoning, long nowNanos) {
    markBuffered(nowNanos);
    if (isReasoning) {
      reasoning.append(chunk);
      reasoningChars += chunk.length();
    } else {
      text.append(chunk);
      contentChars += chunk.length();
    }
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

  /** The reasoning's signature (the latest wins), within a part's field length. */
  void sign(String newSignature, long nowNanos) {
    Checks.wellFormed(newSignature, "signature");
    Checks.maxLength(newSignature, "signature", limits.parts().maxPartChars());
    checkMessageSize(newSignature.length() - signedChars, "signature");
    markBuffered(nowNanos);
    signature = newSignature;
    signedChars = newSignature.length();
    appended++;
  }

  /**
   * An attached part, within the part limits: its fields, the message's part count (the streamed
   * reasoning and text parts included), its inline bytes and its size.
   */
  void attach(Part part, long nowNanos) {
    PartLimits max = limits.parts();
    long size = InputRules.part(part, max, "part");
    if (attachedCount + 1 > max.maxParts() - 2) {
      throw new InvalidInputException("part", "would give the message more than the limit of " + max.maxParts()
          + " parts (the streamed reasoning and text count as one part each)");
    }
    long bytes = part instanceof MediaPart media && media.bytes().isPresent() ? media.bytes().get().size() : 0;
    if (inlineBytes + bytes > max.maxInlineBytes()) {
      throw new InvalidInputException("part.bytes", "would bring the message's inline bytes to "
          + (inlineBytes + bytes) + ", more than the limit of " + max.maxInlineBytes()
          + " (keep bigger media by reference)");
    }
    checkMessageSize(size, "part");
    markBuffered(nowNanos);
    attachments.add(part);
    attachedCount++;
    attachedSize += size;
    inlineBytes += bytes;
    appended++;
  }

  private void checkMessageSize(long more, String field) {
    long total = contentChars + reasoningChars + signedChars + attachedSize + more;
    if (total > limits.parts().maxMessageSize()) {
      throw new InvalidInputException(field, "would bring the message's parts to " + total
          + " (chars and inline bytes), more than the limit of " + limits.parts().maxMessageSize());
    }
  }

  // ---- when to write -----------------------------------------------------------------------

  /** True when there is something a write could store (a held-back half pair alone is not). */
  boolean hasBuffered() {
    return text.length() > (endsHalfPair(text) ? 1 : 0) || reasoning.length() > (endsHalfPair(reasoning) ? 1 : 0)
        || !calls.isEmpty() || !attachments.isEmpty() || signature != null;
  }

  /** The size trigger: maxBufferedChars are waiting, on the two channels together. */
  boolean sizeDue() {
    return text.length() + reasoning.length() >= policy.maxBufferedChars();
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
    return new Batch(out.delta().plus(buffered(false)), appended, out.isEmpty() ? oldestNanos : out.oldestNanos());
  }

  /** Still WRITING: {@code grown}, from {@link #grownWrite} with nothing appended since, is the write out now. */
  void grew(Batch grown) {
    requirePhase(Phase.WRITING);
    out = grown;
    clearKeepingHalfPairs();
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

  /** WRITING to OPEN: the write failed; what it held is buffered again, ahead of newer items. */
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
    out = new Batch(StreamDelta.EMPTY, out.target(), out.oldestNanos());
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
    out = new Batch(buffered(last), appended, oldestNanos);
    if (last) {
      text = trimmed(clear(text, ""));
      reasoning = trimmed(clear(reasoning, ""));
      calls.clear();
      attachments.clear();
      signature = null;
    } else {
      clearKeepingHalfPairs();
    }
    return out;
  }

  /**
   * Everything buffered as one delta: for a write that is not the last, each channel's trailing high
   * surrogate held back for its other half; for the last, such a half pair becomes U+FFFD.
   */
  private StreamDelta buffered(boolean last) {
    return new StreamDelta(taken(text, last), taken(reasoning, last), Optional.ofNullable(signature),
        List.copyOf(calls), List.copyOf(attachments));
  }

  private static String taken(StringBuilder channel, boolean last) {
    if (!endsHalfPair(channel)) {
      return channel.toString();
    }
    String whole = channel.substring(0, channel.length() - 1);
    return last ? whole + '\uFFFD' : whole;
  }

  /** Empties the buffer but for each channel's trailing half pair. */
  private void clearKeepingHalfPairs() {
    text = trimmed(clear(text, heldBack(text)));
    reasoning = trimmed(clear(reasoning, heldBack(reasoning)));
    calls.clear();
    attachments.clear();
    signature = null;
  }

  /** The trailing high surrogate a write that is not the last holds back, or "". */
  private static String heldBack(StringBuilder channel) {
    return endsHalfPair(channel) ? channel.substring(channel.length() - 1) : "";
  }

  private static StringBuilder clear(StringBuilder channel, String held) {
    channel.setLength(0);
    return channel.append(held);
  }

  /** An emptied channel past KEPT_CAPACITY gives its memory back rather than holding a peak-sized array. */
  private static StringBuilder trimmed(StringBuilder channel) {
    return channel.capacity() > KEPT_CAPACITY ? new StringBuilder(channel) : channel;
  }

  /** The write out goes back ahead of what was buffered since. */
  private void putBack() {
    StreamDelta back = out.delta();
    text.insert(0, back.text());
    reasoning.insert(0, back.reasoning());
    if (signature == null) {
      signature = back.signature().orElse(null);
    }
    calls.addAll(0, back.toolCalls());
    attachments.addAll(0, back.attachments());
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

  private static boolean endsHalfPair(CharSequence channel) {
    return channel.length() > 0 && Character.isHighSurrogate(channel.charAt(channel.length() - 1));
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
   * One write's worth, immutable: the delta taken from the buffer, the append count it makes durable,
   * and when the oldest of it arrived.
   */
  record Batch(StreamDelta delta, long target, long oldestNanos) {
    boolean isEmpty() {
      return delta.isEmpty();
    }
  }
}
