package dev.chatstore;

/**
 * The operation clashes with the current state: a stale version, a closed stream, a deleted session,
 * an id that already exists. Nothing was written; re-read and decide again.
 */
public class ConflictException extends ChatStoreException {
  private static final long serialVersionUID = 1L;

  /** Why the operation conflicts. */
  public enum Reason {
    /** The caller's expected version is not the session's current version. */
    STALE_VERSION,
    /** The stream was already completed, failed or closed. */
    STREAM_CLOSED,
    /** The session is soft-deleted; restore it first. */
    SESSION_DELETED,
    /** An entity with that id already exists. */
    ALREADY_EXISTS,
    /** The message is being streamed by an open stream of this store; end the stream instead. */
    STREAM_OPEN,
    /** The message is not COMPLETE: only a complete message's parts can be revised. */
    NOT_COMPLETE
  }

  private final Reason reason;

  public ConflictException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
