package dev.chatstore.file.internal;

import dev.chatstore.UnavailableException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock that makes one store the only writer of a folder: an OS file lock on {@code .lock},
 * held from open to close. The OS drops it when the process dies, so a crash never leaves the
 * folder locked. The file itself is never deleted (deleting lock files invites races).
 */
final class FolderLock implements AutoCloseable {
  // Folders locked by stores of this JVM. Checked before the lock file is even opened: on POSIX,
  // closing any descriptor of a file drops every lock this process holds on it.
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private FolderLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock at once or throws {@link UnavailableException} saying who holds it. */
  static FolderLock acquire(Path lockFile) {
    Path key = lockFile;
    try { // one folder reached by two paths (a symbolic link) is still one folder
      key = lockFile.getParent().toRealPath().resolve(lockFile.getFileName());
    } catch (IOException e) {
      // the folder cannot be resolved; opening the lock file will say why
    }
    if (!HELD.add(key)) {
      throw new UnavailableException("the chat folder " + lockFile.getParent()
          + " is already open in another store of this process; close that one first");
    }
    try {
      return lock(lockFile, key);
    } catch (RuntimeException e) {
      HELD.remove(key);
      throw e;
    }
  }

  private static FolderLock lock(Path lockFile, Path key) {
    FileChannel ch;
    try {
      ch = Durable.openOwnerOnly(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE));
    } catch (IOException e) {
      throw Durable.unavailable("opening the lock file", lockFile, e);
    }
    try {
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // another store in this JVM has the folder
      }
      if (lock == null) {
        String holder = holder(ch);
        ch.close();
        throw new UnavailableException("the chat folder " + lockFile.getParent()
            + " is open in another store or process" + (holder.isEmpty() ? "" : " (" + holder + ")")
            + "; close that one first (lock file " + lockFile + ")");
      }
      ch.truncate(0);
      Durable.writeFully(ch, ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " ("
          + ManagementFactory.getRuntimeMXBean().getName() + ") since " + Instant.now() + "\n")
          .getBytes(StandardCharsets.UTF_8)), 0);
      return new FolderLock(key, ch, lock);
    } catch (IOException e) {
      try {
        ch.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw Durable.unavailable("locking", lockFile, e);
    }
  }

  private static String holder(FileChannel ch) {
    try {
      ByteBuffer buf = ByteBuffer.allocate(512);
      int n = ch.read(buf, 0);
      return n <= 0 ? "" : "held by " + new String(buf.array(), 0, n, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the OS releases the lock with the channel or the process; nothing to do
    } finally {
      HELD.remove(key);
    }
  }
}
