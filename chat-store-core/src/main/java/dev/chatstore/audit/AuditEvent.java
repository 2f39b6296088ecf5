package dev.chatstore.audit;

import dev.chatstore.spi.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One audited call: when it started, whose chat, which session, what it did, how many items it read or
 * wrote (messages, sessions; 0 or 1 for a find), how it ended and how long it took.
 *
 * @param at when the call started, from the hook's clock
 * @param ownerId the owner, when the call named it, its result carried it, or its session was found
 * @param sessionId the session the call was about, if any
 * @param operation what the call was
 * @param itemCount messages or sessions read or written
 * @param outcome how it ended
 * @param error the exception's class name when it failed
 * @param took how long the call took
 */
public record AuditEvent(Instant at, Optional<String> ownerId, Optional<String> sessionId,
    AuditOperation operation, int itemCount, AuditOutcome outcome, Optional<String> error, Duration took) {
  public AuditEvent {
    Checks.notNull(at, "at");
    Checks.notNull(ownerId, "ownerId");
    Checks.notNull(sessionId, "sessionId");
    Checks.notNull(operation, "operation");
    Checks.notNull(outcome, "outcome");
    Checks.notNull(error, "error");
    Checks.notNull(took, "took");
  }

  /** This event with its owner known. */
  public AuditEvent withOwner(String owner) {
    return new AuditEvent(at, Optional.of(owner), sessionId, operation, itemCount, outcome, error, took);
  }
}
