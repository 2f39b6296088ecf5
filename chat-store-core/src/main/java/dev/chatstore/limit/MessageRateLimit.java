package dev.chatstore.limit;

import dev.chatstore.InvalidInputException;
import dev.chatstore.spi.Checks;
import java.time.Duration;

/**
 * How fast one owner may create messages: {@code messages} per {@code per} on average and at most
 * {@code burst} at once. A token bucket: it holds {@code burst} tokens, each message takes one, and one
 * comes back every {@link #interval()} ({@code per / messages}, to the nanosecond).
 *
 * <p>Immutable. Checked when made: {@link InvalidInputException} naming {@code messages},
 * {@code per} or {@code burst} for a count under 1, a period that is not positive or is longer than
 * {@link #MAX_PER}, more than one message per nanosecond, or a bucket that would take longer than
 * {@link #MAX_FILL} to fill.
 */
public record MessageRateLimit(int messages, Duration per, int burst) {
  /** The longest period a rate is given over: a limit is about minutes and hours, not about years. */
  public static final Duration MAX_PER = Duration.ofDays(366);
  /** The longest time an empty bucket may take to fill ({@code burst × interval}). */
  public static final Duration MAX_FILL = Duration.ofDays(36_525);

  public MessageRateLimit {
    Checks.positive(messages, "messages");
    Checks.notNull(per, "per");
    if (per.isNegative() || per.isZero()) {
      throw new InvalidInputException("per", "must be positive, was " + per);
    }
    if (per.compareTo(MAX_PER) > 0) {
      throw new InvalidInputException("per", "must be at most " + MAX_PER + ", was " + per);
    }
    if (per.toNanos() < messages) {
      throw new InvalidInputException("messages", "must be at most one per nanosecond of per (" + per + "), was "
          + messages);
    }
    Checks.positive(burst, "burst");
    if (burst > MAX_FILL.toNanos() / (per.toNanos() / messages)) {
      throw new InvalidInputException("burst", "is " + burst + ": at " + messages + " per " + per
          + " an empty bucket would take longer than the limit of " + MAX_FILL + " to fill");
    }
  }

  /** {@code messages} per {@code per}, with a burst of as many: a full period's worth at once. */
  public static MessageRateLimit of(int messages, Duration per) {
    return new MessageRateLimit(messages, per, messages);
  }

  /** This rate with another burst: how many messages an owner who has been quiet may create at once. */
  public MessageRateLimit withBurst(int newBurst) {
    return new MessageRateLimit(messages, per, newBurst);
  }

  /** How long the bucket takes to gain one token back. */
  public Duration interval() {
    return Duration.ofNanos(per.toNanos() / messages);
  }
}
