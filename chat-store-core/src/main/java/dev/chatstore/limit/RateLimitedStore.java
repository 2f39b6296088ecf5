package dev.chatstore.limit;

import dev.chatstore.ForwardingSessionStore;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.SessionStore;
import dev.chatstore.StreamOptions;
import dev.chatstore.internal.limit.OwnerBuckets;
import dev.chatstore.internal.limit.SessionOwners;
import dev.chatstore.spi.Checks;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link SessionStore} that limits how fast each owner creates messages, over any other store (a
 * backend, an owner view, another decorator): {@code append} counts one, {@code appendAll} its batch
 * (all or none) and {@code openStream} one, each against a {@link MessageRateLimit} token bucket of
 * the session's owner. Reads, updates, deletes, forks and streamed chunks are never limited.
 *
 * <p>A write over the limit throws {@link RateLimitExceededException} and the store underneath is not
 * called. A write the store underneath refuses or fails (an unknown session, a deleted one, bad input,
 * storage down) created nothing, so its tokens go back. A batch larger than the burst could never pass
 * and is {@link InvalidInputException} ({@code messages}), not a refusal to retry.
 *
 * <p>Thread-safe: owners never wait for one another, and one owner's concurrent writes never take more
 * than the bucket holds. The buckets live in this object (one process): limit each owner through one
 * {@code RateLimitedStore}. Closing it closes the store underneath.
 */
public final class RateLimitedStore extends ForwardingSessionStore {
  // Past this many nanoseconds from the origin the limiter's time stops (about 73 years): every sum
  // and difference of two times then stays inside a long.
  private static final long MAX_TIME = 1L << 61;

  private final MessageRateLimit limit;
  private final Clock clock;
  private final Instant origin;
  private final OwnerBuckets buckets;
  private final SessionOwners owners;

  private RateLimitedStore(SessionStore store, MessageRateLimit limit, Clock clock) {
    super(store);
    this.limit = limit;
    this.clock = clock;
    this.origin = clock.instant();
    this.buckets = new OwnerBuckets(limit.interval().toNanos(), limit.burst(), OwnerBuckets.DEFAULT_SWEEP_FLOOR);
    this.owners = new SessionOwners(store, SessionOwners.DEFAULT_MAX);
  }

  /** {@code store} with each owner limited to {@code limit}, on the system clock. */
  public static RateLimitedStore over(SessionStore store, MessageRateLimit limit) {
    return over(store, limit, Clock.systemUTC());
  }

  /**
   * As {@link #over(SessionStore, MessageRateLimit)}, with buckets refilling as {@code clock} moves (a
   * test's hand-moved clock); a clock that steps back is not a refill, nor a stall.
   */
  public static RateLimitedStore over(SessionStore store, MessageRateLimit limit, Clock clock) {
    return new RateLimitedStore(Checks.notNull(store, "store"), Checks.notNull(limit, "limit"),
        Checks.notNull(clock, "clock"));
  }

  /** The limit every owner has. */
  public MessageRateLimit limit() {
    return limit;
  }

  @Override
  public Message append(String sessionId, NewMessage message) {
    return limited(sessionId, 1, () -> super.append(sessionId, message));
  }

  @Override
  public List<Message> appendAll(String sessionId, List<NewMessage> messages) {
    Checks.notNull(messages, "messages");
    if (messages.isEmpty()) {
      return super.appendAll(sessionId, messages); // creates nothing; the store says what it makes of that
    }
    if (messages.size() > limit.burst()) {
      throw new InvalidInputException("messages", "holds " + messages.size() + " messages, more than the rate"
          + " limit's burst of " + limit.burst() + ": a batch that large can never pass");
    }
    return limited(sessionId, messages.size(), () -> super.appendAll(sessionId, messages));
  }

  @Override
  public MessageStream openStream(String sessionId, StreamOptions options) {
    return limited(sessionId, 1, () -> super.openStream(sessionId, options));
  }

  @Override
  public void purgeSession(String sessionId) {
    try {
      super.purgeSession(sessionId);
    } finally {
      owners.forget(sessionId); // the id is free: a session made with it again may have another owner
    }
  }

  private <T> T limited(String sessionId, int messages, Supplier<T> write) {
    Optional<String> owner = owners.of(sessionId);
    if (owner.isEmpty()) {
      T written = write.get(); // the store underneath answers for an id it does not have
      // reached only for a session made since the lookup: what was written counts all the same
      owners.of(sessionId).ifPresent(o -> buckets.charge(o, messages, time(clock.instant())));
      return written;
    }
    Instant now = clock.instant();
    long shortfall = buckets.take(owner.get(), messages, time(now));
    if (shortfall > 0) {
      Duration retryAfter = Duration.ofNanos(shortfall);
      throw new RateLimitExceededException(owner.get(), messages, retryAfter, later(now, retryAfter));
    }
    try {
      return write.get();
    } catch (RuntimeException e) {
      buckets.giveBack(owner.get(), messages, time(clock.instant()));
      throw e;
    }
  }

  /** Nanoseconds from the origin, held within ±{@link #MAX_TIME} whatever the clock says. */
  private long time(Instant now) {
    long seconds = now.getEpochSecond() - origin.getEpochSecond();
    if (Math.abs(seconds) > MAX_TIME / 1_000_000_000L) {
      return seconds > 0 ? MAX_TIME : -MAX_TIME;
    }
    return seconds * 1_000_000_000L + (now.getNano() - origin.getNano());
  }

  private static Instant later(Instant now, Duration after) {
    try {
      return now.plus(after);
    } catch (DateTimeException | ArithmeticException e) {
      return Instant.MAX; // a clock at the end of time: no retry will come sooner
    }
  }
}
