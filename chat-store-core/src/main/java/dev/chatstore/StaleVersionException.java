package dev.chatstore;

/** A session update named a version that is no longer current; carries both versions. */
public final class StaleVersionException extends ConflictException {
  private static final long serialVersionUID = 1L;
  private final String sessionId;
  private final long expectedVersion;
  private final long actualVersion;

  public StaleVersionException(String sessionId, long expectedVersion, long actualVersion) {
    super(Reason.STALE_VERSION, "session " + sessionId + " is at version " + actualVersion
        + ", not the expected " + expectedVersion);
    this.sessionId = sessionId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  public String sessionId() {
    return sessionId;
  }

  public long expectedVersion() {
    return expectedVersion;
  }

  public long actualVersion() {
    return actualVersion;
  }
}
