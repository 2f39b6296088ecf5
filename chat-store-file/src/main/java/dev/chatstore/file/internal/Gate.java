package dev.chatstore.file.internal;

import dev.chatstore.UnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The door every call goes through: refuses calls once the store is closed, lets close wait for
 * calls in progress, and turns I/O failures into {@link UnavailableException}. Thread-safe.
 */
final class Gate {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Path folder;
  private volatile boolean closed;

  Gate(Path folder) {
    this.folder = folder;
  }

  /** Work that may fail with an I/O error. */
  interface Work<T> {
    T run() throws IOException;
  }

  <T> T run(Work<T> work) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new UnavailableException("the file store at " + folder + " is closed");
      }
      return work.run();
    } catch (IOException e) {
      throw failed(e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** What a call that failed with {@code e} throws (or, in a group, reports). */
  UnavailableException failed(IOException e) {
    return new UnavailableException("file I/O in " + folder + " failed: " + e, e);
  }

  boolean isClosed() {
    return closed;
  }

  /** Waits for calls in progress, then runs {@code closing} with every new call refused. */
  void close(Runnable closing) {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        closing.run();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
