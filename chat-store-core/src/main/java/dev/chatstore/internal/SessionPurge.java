package dev.chatstore.internal;

import dev.chatstore.ChatStoreException;
import dev.chatstore.SessionStore;

/** Taking back a session that a multi-step operation created before one of its later steps failed. */
public final class SessionPurge {
  private SessionPurge() {}

  /**
   * Purges {@code sessionId} from {@code store} because of {@code failure}, and returns the failure
   * for the caller to throw; a purge that fails too is attached to it as suppressed.
   */
  public static ChatStoreException after(ChatStoreException failure, SessionStore store, String sessionId) {
    try {
      store.purgeSession(sessionId);
    } catch (ChatStoreException cleanup) {
      failure.addSuppressed(cleanup);
    }
    return failure;
  }
}
