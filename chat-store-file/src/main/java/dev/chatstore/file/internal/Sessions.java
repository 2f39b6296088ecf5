package dev.chatstore.file.internal;

import dev.chatstore.SessionNotFoundException;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.FieldCipher;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every session the store knows, by id and by conversation key, and the ones whose index is
 * loaded. A session is loaded (its file replayed once) the first time it is touched and stays
 * loaded, most recently used first, up to {@code maxLoaded}; past that the least recently used is
 * unloaded. All work on a session runs under its handle's lock. Thread-safe.
 */
final class Sessions {
  private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

  private final StoreFolder folder;
  private final Syncer syncer;
  private final int maxLoaded;
  private final FieldCipher cipher;
  private volatile ConcurrentHashMap<String, SessionHandle> handles = new ConcurrentHashMap<>();
  private final LinkedHashMap<SessionHandle, Boolean> loaded = new LinkedHashMap<>(64, 0.75f, true);
  private final AtomicBoolean changed = new AtomicBoolean();
  /** Sessions whose summary counts unfinished messages: all that recovery looks at. */
  private final Set<SessionHandle> unfinished = ConcurrentHashMap.newKeySet();
  /** Moves on every change of the set of summaries, so a listing can reuse its sorted copy. */
  private final AtomicLong generation = new AtomicLong();
  private final SessionKeys keys = new SessionKeys();

  /** Work on one locked, loaded session. */
  interface Work<T> {
    T run(SessionHandle handle, LoadedSession session) throws IOException;
  }

  Sessions(StoreFolder folder, Syncer syncer, int maxLoaded, FieldCipher cipher) {
    this.folder = folder;
    this.syncer = syncer;
    this.maxLoaded = maxLoaded;
    this.cipher = cipher;
  }

  StoreFolder folder() {
    return folder;
  }

  Optional<SessionHandle> find(String sessionId) {
    return Optional.ofNullable(handles.get(Checks.id(sessionId, "sessionId")));
  }

  Collection<SessionHandle> all() {
    return handles.values();
  }

  /** Registers the sessions found on open, all at once. Call before the store is shared. */
  void addAll(List<SessionHandle> found) {
    ConcurrentHashMap<String, SessionHandle> all = new ConcurrentHashMap<>(Math.max(16, found.size() * 4 / 3 + 1));
    for (SessionHandle handle : found) {
      all.put(handle.id, handle);
      tallyUnfinished(handle);
    }
    handles = all;
    keys.claimAll(found);
    generation.incrementAndGet();
  }

  /** The owner's session with this conversation key, if the store knows one. */
  Optional<SessionHandle> findByKey(OwnerKey key) {
    return keys.find(key);
  }

  /**
   * Takes a conversation key for a session being created (registered by {@link #add}, its file not yet
   * written); false if another session of the owner holds it. {@link #remove} frees it again.
   */
  boolean reserveKey(SessionHandle handle, OwnerKey key) {
    return keys.reserve(handle, key);
  }

  /** Registers a new handle; false if the id is taken. */
  boolean add(SessionHandle handle) {
    boolean added = handles.putIfAbsent(handle.id, handle) == null;
    if (added) {
      tallyUnfinished(handle);
      changed.set(true);
      generation.incrementAndGet();
    }
    return added;
  }

  /** Sets a session's summary (empty: unreadable), noting that the index must be written again. */
  void summary(SessionHandle handle, Optional<Summary> summary) {
    handle.summary(summary);
    summary.ifPresent(s -> keys.claim(handle, s.ownerKey())); // unreadable now: its key stays taken
    tallyUnfinished(handle);
    changed.set(true);
    generation.incrementAndGet();
  }

  private void tallyUnfinished(SessionHandle handle) {
    if (handle.summary().map(s -> s.unfinished() > 0).orElse(false)) {
      unfinished.add(handle);
    } else {
      unfinished.remove(handle);
    }
  }

  /** The sessions that may hold PENDING or STREAMING messages. */
  List<SessionHandle> withUnfinished() {
    return List.copyOf(unfinished);
  }

  long generation() {
    return generation.get();
  }

  /** Forgets a session whose file is gone. Call with its lock held. */
  void remove(SessionHandle handle) {
    handle.removed = true;
    unload(handle);
    handles.remove(handle.id, handle);
    keys.release(handle);
    unfinished.remove(handle);
    changed.set(true);
    generation.incrementAndGet();
  }

  /** Notes that a summary changed, so the index file must be written again. */
  void changed(SessionHandle handle, LoadedSession session) {
    summary(handle, Optional.of(session.summary()));
  }

  /** True (once) if anything changed since the last call. */
  boolean takeChanged() {
    return changed.getAndSet(false);
  }

  /** Runs {@code work} on the session, locked and loaded; {@link SessionNotFoundException} if unknown. */
  <T> T with(String sessionId, Work<T> work) throws IOException {
    SessionHandle handle = find(sessionId).orElseThrow(() -> new SessionNotFoundException(sessionId));
    return with(handle, work);
  }

  <T> T with(SessionHandle handle, Work<T> work) throws IOException {
    handle.lock.lock();
    try {
      return work.run(handle, load(handle));
    } finally {
      handle.lock.unlock();
    }
  }

  /** The loaded session; call with the lock held. Replays the file if it is not loaded. */
  LoadedSession load(SessionHandle handle) throws IOException {
    if (handle.removed) {
      throw new SessionNotFoundException(handle.id);
    }
    if (handle.loaded != null) {
      synchronized (loaded) {
        loaded.get(handle); // marks it most recently used
      }
      return handle.loaded;
    }
    LoadedSession session;
    try {
      session = SessionLog.load(handle.file(), handle.id, cipher);
    } catch (NoSuchFileException e) {
      LOG.warn("the file of session {} is gone ({}); forgetting the session", handle.id, handle.file());
      remove(handle);
      throw new SessionNotFoundException(handle.id);
    } catch (dev.chatstore.CorruptDataException e) {
      if (handle.summary().isPresent()) {
        summary(handle, Optional.empty());
      }
      throw e;
    } // a MissingKeyException leaves the summary be: the session is whole, only its key is away

    adopt(handle, session);
    return session;
  }

  /** Makes {@code session} the handle's loaded index (fresh from its file); call with the lock held. */
  void adopt(SessionHandle handle, LoadedSession session) {
    handle.loaded = session;
    Summary fresh = session.summary();
    if (!handle.summary().equals(Optional.of(fresh))) {
      summary(handle, Optional.of(fresh));
    }
    List<SessionHandle> evict = new ArrayList<>();
    synchronized (loaded) {
      loaded.put(handle, Boolean.TRUE);
      Iterator<SessionHandle> it = loaded.keySet().iterator();
      int excess = loaded.size() - maxLoaded;
      while (excess > 0 && it.hasNext()) {
        SessionHandle old = it.next();
        if (old != handle) {
          evict.add(old);
          excess--;
        }
      }
    }
    for (SessionHandle old : evict) {
      // A busy session stays loaded a while longer; so does one this thread holds (a group writing it).
      if (!old.lock.isHeldByCurrentThread() && old.lock.tryLock()) {
        try {
          unload(old);
        } finally {
          old.lock.unlock();
        }
      }
    }
  }

  /** The session file, open for reading and writing; call with the lock held. */
  FileChannel channel(SessionHandle handle, LoadedSession session) throws IOException {
    if (session.channel == null || !session.channel.isOpen()) {
      session.channel = FileChannel.open(handle.file(), StandardOpenOption.READ, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
    }
    return session.channel;
  }

  /** Drops the loaded index and closes the file; call with the lock held. */
  void unload(SessionHandle handle) {
    LoadedSession session = handle.loaded;
    handle.loaded = null;
    synchronized (loaded) {
      loaded.remove(handle);
    }
    if (session != null && session.channel != null) {
      try {
        syncer.beforeClose(session.channel);
        session.channel.close();
      } catch (IOException e) {
        LOG.warn("closing {} failed", handle.file(), e);
      }
    }
  }

  /** Unloads every session (store close). */
  void unloadAll() {
    for (SessionHandle handle : handles.values()) {
      handle.lock.lock();
      try {
        unload(handle);
      } finally {
        handle.lock.unlock();
      }
    }
  }
}
