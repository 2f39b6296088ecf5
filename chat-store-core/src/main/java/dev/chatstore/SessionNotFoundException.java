package dev.chatstore;

/** No session has the given id (purged, never created, or created in another store). */
public final class SessionNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  public SessionNotFoundException(String sessionId) {
    super("session not found: " + sessionId, sessionId);
  }
}
