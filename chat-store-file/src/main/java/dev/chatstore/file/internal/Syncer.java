package dev.chatstore.file.internal;

import dev.chatstore.file.FsyncPolicy;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the store's {@link FsyncPolicy}: forces each write at once (a group of writes to
 * different files all at once, {@link ParallelForce}), or remembers the written files for a background
 * thread to force every interval, or does nothing. Thread-safe.
 */
final class Syncer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Syncer.class);
  /** The most forces of one group run at once besides the caller's. */
  static final int FORCE_THREADS = 15;

  private final FsyncPolicy policy;
  private final Set<FileChannel> unsynced = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer;
  private final ParallelForce parallel; // null unless every write is forced

  Syncer(FsyncPolicy policy) {
    this.policy = policy;
    if (policy.mode() == FsyncPolicy.Mode.INTERVAL) {
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chat-store-file-fsync");
        t.setDaemon(true);
        return t;
      });
      long millis = Math.max(1, policy.interval().toMillis());
      timer.scheduleWithFixedDelay(this::syncAll, millis, millis, TimeUnit.MILLISECONDS);
    } else {
      timer = null;
    }
    parallel = policy.mode() == FsyncPolicy.Mode.EVERY_WRITE ? new ParallelForce(FORCE_THREADS) : null;
  }

  /** True unless the policy is NONE: renames and new files are made durable too. */
  boolean syncs() {
    return policy.mode() != FsyncPolicy.Mode.NONE;
  }

  /** Called after each write to {@code channel}, before the write is acknowledged. */
  void written(FileChannel channel) throws IOException {
    switch (policy.mode()) {
      case EVERY_WRITE:
        channel.force(false);
        break;
      case INTERVAL:
        unsynced.add(channel);
        break;
      default:
        break;
    }
  }

  /** True if every write is forced before it is acknowledged (so a write's cost is mostly its force). */
  boolean forcesEachWrite() {
    return policy.mode() == FsyncPolicy.Mode.EVERY_WRITE;
  }

  /**
   * {@link #written} for several channels (of different files) at once: returns each failure by index,
   * null where the write is as durable as the policy makes it. Under EVERY_WRITE the forces overlap.
   */
  IOException[] writtenAll(List<FileChannel> channels) {
    if (parallel != null) {
      return parallel.forceAll(channels);
    }
    IOException[] failures = new IOException[channels.size()];
    for (int i = 0; i < channels.size(); i++) {
      try {
        written(channels.get(i));
      } catch (IOException e) {
        failures[i] = e;
      }
    }
    return failures;
  }

  /** A new or renamed entry in {@code dir}: made durable unless the policy is NONE. */
  void dirChanged(Path dir) throws IOException {
    if (syncs()) {
      Durable.syncDir(dir);
    }
  }

  /** Forces what is still unsynced in {@code channel}, before it is closed. */
  void beforeClose(FileChannel channel) throws IOException {
    if (unsynced.remove(channel)) {
      channel.force(false);
    }
  }

  private void syncAll() {
    for (FileChannel ch : unsynced) {
      unsynced.remove(ch);
      try {
        ch.force(false);
      } catch (ClosedChannelException e) {
        // closed by an unload or close, which forced it first
      } catch (IOException e) {
        LOG.warn("background fsync failed; recent writes may be lost if the machine fails", e);
      }
    }
  }

  @Override
  public void close() {
    if (parallel != null) {
      parallel.close();
    }
    if (timer != null) {
      timer.shutdownNow();
      syncAll();
    }
  }
}
