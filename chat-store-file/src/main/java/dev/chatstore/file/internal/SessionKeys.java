package dev.chatstore.file.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's conversation keys in memory, (owner, key) to session, so {@code findSessionByKey} opens
 * no file but the session's own. Filled from the index, or from the session files when the index is
 * rebuilt; a new session's key is reserved before its file is written. A key stays taken while its
 * session is known (deleted, or unreadable since it was read) and is freed when the session is purged
 * or its file is gone. Keys are only ever map keys here: no key becomes part of a path.
 *
 * <p>Two session files may carry one owner's key only if they were copied in by hand; the one created
 * first keeps the key (the other is found by id only), with a warning. Thread-safe; the calls for one
 * session come with its lock held, or before the store is shared.
 */
final class SessionKeys {
  private static final Logger LOG = LoggerFactory.getLogger(SessionKeys.class);
  private static final Comparator<SessionHandle> CREATED_FIRST = Comparator
      .comparing((SessionHandle h) -> h.summary().orElseThrow().createdAt())
      .thenComparing(h -> h.id);

  private final ConcurrentHashMap<OwnerKey, SessionHandle> byKey = new ConcurrentHashMap<>();

  Optional<SessionHandle> find(OwnerKey key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** Takes {@code key} for a session being created; false if another session of the owner holds it. */
  boolean reserve(SessionHandle handle, OwnerKey key) {
    if (byKey.putIfAbsent(key, handle) != null) {
      return false;
    }
    handle.key = key;
    return true;
  }

  /** Records the keys the summaries of sessions found on open give them, the oldest sessions first. */
  void claimAll(List<SessionHandle> found) {
    found.stream()
        .filter(h -> h.summary().flatMap(Summary::key).isPresent())
        .sorted(CREATED_FIRST)
        .forEach(h -> claim(h, h.summary().get().ownerKey()));
  }

  /** Records the key a session's file gives it now (none: it has none), freeing one it held before. */
  void claim(SessionHandle handle, Optional<OwnerKey> key) {
    if (Objects.equals(Optional.ofNullable(handle.key), key)) {
      return;
    }
    release(handle);
    if (key.isEmpty()) {
      return;
    }
    SessionHandle holder = byKey.putIfAbsent(key.get(), handle);
    if (holder == null) {
      handle.key = key.get();
    } else { // the key is not logged: it is the host's text, and may be anything
      LOG.warn("sessions {} and {} of owner {} carry the same conversation key (a file copied in?); {} keeps it,"
          + " {} is found by its id only", holder.id, handle.id, key.get().owner(), holder.id, handle.id);
    }
  }

  /** Frees the session's key, if it holds one. */
  void release(SessionHandle handle) {
    OwnerKey held = handle.key;
    if (held != null) {
      byKey.remove(held, handle);
      handle.key = null;
    }
  }
}
