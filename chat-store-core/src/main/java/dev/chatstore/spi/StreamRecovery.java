package dev.chatstore.spi;

import dev.chatstore.InvalidInputException;
import dev.chatstore.MessageStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Which messages a recovery run marks INTERRUPTED: the one home of that rule. A message is
 * abandoned when it is unfinished (PENDING or STREAMING), was last written at or before the run's
 * cutoff ({@code now - idleFor}), and no stream of this process is writing it. A backend finds the
 * candidates cheaply ({@link #cutoff()} bounds a query), then asks {@link #marks} again under its
 * lock before writing, since a stream may have written in between. Immutable.
 */
public final class StreamRecovery {
  private final Instant cutoff;

  private StreamRecovery(Instant cutoff) {
    this.cutoff = cutoff;
  }

  /** A run at {@code now} marking what has been idle for {@code idleFor} or longer. */
  public static StreamRecovery at(Instant now, Duration idleFor) {
    Checks.notNull(now, "now");
    return new StreamRecovery(now.minus(idleFor(idleFor, "idleFor")));
  }

  /** {@code idleFor} if it is a valid idle time (not null, not negative); else names {@code field}. */
  public static Duration idleFor(Duration idleFor, String field) {
    Checks.notNull(idleFor, field);
    if (idleFor.isNegative()) {
      throw new InvalidInputException(field, "must not be negative, was " + idleFor);
    }
    return idleFor;
  }

  /** Messages last written at or before this instant are idle. */
  public Instant cutoff() {
    return cutoff;
  }

  /** Whether a message with this status and last write, open in this process or not, is abandoned. */
  public boolean marks(MessageStatus status, Instant updatedAt, boolean openHere) {
    Checks.notNull(status, "status");
    Checks.notNull(updatedAt, "updatedAt");
    return !status.isFinal() && !updatedAt.isAfter(cutoff) && !openHere;
  }
}
