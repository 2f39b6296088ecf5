package dev.chatstore;

import dev.chatstore.spi.Checks;
import java.time.Duration;

/**
 * When a {@link MessageStream} writes what it buffered: once {@code maxBufferedChars} are waiting, or
 * {@code maxDelay} after the oldest unwritten chunk arrived, whichever comes first (a timer flushes a
 * stalled stream too). {@code maxPendingChars} caps what may wait unwritten when storage is slower
 * than the model; past it {@code append} blocks for up to {@code backpressureTimeout}, then fails.
 */
public record FlushPolicy(int maxBufferedChars, Duration maxDelay, int maxPendingChars, Duration backpressureTimeout) {
  /** Default size trigger: about a paragraph. */
  public static final int DEFAULT_MAX_BUFFERED_CHARS = 1024;
  /** Default delay trigger, which bounds how much streamed time a crash can lose. */
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(40);
  /** Default cap on unwritten text before the producer waits. */
  public static final int DEFAULT_MAX_PENDING_CHARS = 4 * 1024 * 1024;
  /** Default wait for storage to catch up before append fails. */
  public static final Duration DEFAULT_BACKPRESSURE_TIMEOUT = Duration.ofSeconds(30);

  public FlushPolicy {
    Checks.positive(maxBufferedChars, "maxBufferedChars");
    Checks.notNull(maxDelay, "maxDelay");
    if (maxDelay.isNegative() || maxDelay.isZero()) {
      throw new InvalidInputException("maxDelay", "must be positive, was " + maxDelay);
    }
    Checks.positive(maxPendingChars, "maxPendingChars");
    if (maxPendingChars < maxBufferedChars) {
      throw new InvalidInputException("maxPendingChars", "must be at least maxBufferedChars ("
          + maxBufferedChars + "), was " + maxPendingChars);
    }
    Checks.notNull(backpressureTimeout, "backpressureTimeout");
    if (backpressureTimeout.isNegative()) {
      throw new InvalidInputException("backpressureTimeout", "must not be negative");
    }
  }

  public static FlushPolicy defaults() {
    return new FlushPolicy(DEFAULT_MAX_BUFFERED_CHARS, DEFAULT_MAX_DELAY, DEFAULT_MAX_PENDING_CHARS,
        DEFAULT_BACKPRESSURE_TIMEOUT);
  }

  /** Every chunk written as it arrives: the smallest loss window and the most writes. */
  public static FlushPolicy everyChunk() {
    return new FlushPolicy(1, Duration.ofMillis(1), DEFAULT_MAX_PENDING_CHARS, DEFAULT_BACKPRESSURE_TIMEOUT);
  }

  public FlushPolicy withMaxBufferedChars(int chars) {
    return new FlushPolicy(chars, maxDelay, Math.max(chars, maxPendingChars), backpressureTimeout);
  }

  public FlushPolicy withMaxDelay(Duration delay) {
    return new FlushPolicy(maxBufferedChars, delay, maxPendingChars, backpressureTimeout);
  }

  public FlushPolicy withMaxPendingChars(int chars) {
    return new FlushPolicy(maxBufferedChars, maxDelay, chars, backpressureTimeout);
  }

  public FlushPolicy withBackpressureTimeout(Duration timeout) {
    return new FlushPolicy(maxBufferedChars, maxDelay, maxPendingChars, timeout);
  }
}
