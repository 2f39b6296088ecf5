package dev.chatstore.audit;

import dev.chatstore.ConflictException;
import dev.chatstore.CorruptDataException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.NotFoundException;
import dev.chatstore.UnavailableException;

/** How an audited call ended, from the exception it threw (if any). */
public enum AuditOutcome {
  OK, NOT_FOUND, INVALID, CONFLICT, CORRUPT, UNAVAILABLE, FAILED;

  /** The outcome of a call that threw {@code error}. */
  public static AuditOutcome of(Throwable error) {
    if (error instanceof NotFoundException) {
      return NOT_FOUND;
    }
    if (error instanceof InvalidInputException) {
      return INVALID;
    }
    if (error instanceof ConflictException) {
      return CONFLICT;
    }
    if (error instanceof CorruptDataException) {
      return CORRUPT;
    }
    return error instanceof UnavailableException ? UNAVAILABLE : FAILED;
  }
}
