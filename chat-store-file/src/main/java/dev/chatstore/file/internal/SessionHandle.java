package dev.chatstore.file.internal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A session the store knows of: its file, the lock every read and write of it takes (which keeps
 * seq gap-free and lines whole), its summary for listing, its conversation key as the key index holds
 * it, and its loaded index while cached. A
 * handle outlives a purge only to tell late callers the session is gone.
 */
final class SessionHandle {
  final String id;
  private final StoreFolder folder;
  private volatile Path file; // made on first use: opening a big store makes ten thousand handles
  final ReentrantLock lock = new ReentrantLock();
  /** Empty while the file cannot be read (corrupt); such a session is left out of lists. */
  private volatile Optional<Summary> summary;
  /** Guarded by {@link #lock}. */
  LoadedSession loaded;
  /** Guarded by {@link #lock}: the session was purged (or its file vanished). */
  boolean removed;
  /** The conversation key {@link SessionKeys} maps to this session, if any; changed with {@link #lock} held. */
  volatile OwnerKey key;

  SessionHandle(String id, StoreFolder folder, Optional<Summary> summary) {
    this.id = id;
    this.folder = folder;
    this.summary = summary;
  }

  /** The session's file, through the folder's path check. */
  Path file() {
    Path f = file;
    if (f == null) {
      f = folder.sessionFile(id);
      file = f;
    }
    return f;
  }

  Optional<Summary> summary() {
    return summary;
  }

  void summary(Optional<Summary> value) {
    summary = value;
  }
}
