package dev.chatstore.internal.limit;

import dev.chatstore.ChatSession;
import dev.chatstore.SessionStore;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which owner a session belongs to, as a store says, remembered for the sessions seen lately so that
 * a write costs a lookup only the first time. A session's owner never changes; an id purged and made
 * again is forgotten by {@link #forget}.
 *
 * <p>Thread-safe. Bounded: past {@code max} sessions a quarter of them, any, are forgotten (a forgotten
 * session costs one more lookup). Throws what the store's {@code findSession} throws.
 */
public final class SessionOwners {
  /** How many sessions are remembered by default. */
  public static final int DEFAULT_MAX = 10_000;

  private final SessionStore store;
  private final int max;
  private final ConcurrentHashMap<String, String> owners = new ConcurrentHashMap<>();

  public SessionOwners(SessionStore store, int max) {
    this.store = store;
    this.max = max;
  }

  /** The session's owner; empty for a null id or a session the store does not have (it will say so). */
  public Optional<String> of(String sessionId) {
    if (sessionId == null) {
      return Optional.empty();
    }
    String known = owners.get(sessionId);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<String> found = store.findSession(sessionId).map(ChatSession::ownerId);
    found.ifPresent(owner -> remember(sessionId, owner));
    return found;
  }

  /** Drops what is known of a session, so that an id made again is looked up afresh. */
  public void forget(String sessionId) {
    if (sessionId != null) {
      owners.remove(sessionId);
    }
  }

  private void remember(String sessionId, String owner) {
    if (owners.size() >= max) {
      Iterator<String> ids = owners.keySet().iterator();
      while (owners.size() > max * 3 / 4 && ids.hasNext()) {
        ids.next();
        ids.remove();
      }
    }
    owners.put(sessionId, owner);
  }
}
