package dev.chatstore.internal.manager;

import dev.chatstore.ChatSession;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StaleVersionException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Optimistic session updates that retry only where a retry cannot lose someone else's change: the
 * update is recomputed from the session as it is now, re-read after each {@link StaleVersionException}.
 */
public final class VersionedUpdates {
  /** How often an update is recomputed before the conflict is handed to the caller. */
  public static final int MAX_ATTEMPTS = 8;

  private VersionedUpdates() {}

  /**
   * Applies the update {@code decide} computes from the fresh session, retrying on a stale version;
   * when {@code decide} returns empty nothing is written and the fresh session is returned.
   */
  public static ChatSession apply(SessionStore store, ChatSession start,
      Function<ChatSession, Optional<SessionUpdate>> decide) {
    ChatSession session = start;
    for (int attempt = 1; ; attempt++) {
      Optional<SessionUpdate> update = decide.apply(session);
      if (update.isEmpty()) {
        return session;
      }
      try {
        return store.updateSession(session.id(), session.version(), update.get());
      } catch (StaleVersionException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        session = store.getSession(session.id());
      }
    }
  }
}
