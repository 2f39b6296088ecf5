package dev.chatstore.file.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forces several files at once, each on a thread of its own (the caller's for the first). Why: the
 * forces of a group of writes to different files then overlap, and the file system takes their journal
 * commits together, so the group waits about as long as its slowest force instead of for each force in
 * turn. Threads are daemons named {@code chat-store-file-force-N}, started when a group needs them and
 * ended after a minute idle. Thread-safe.
 */
final class ParallelForce implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ThreadPoolExecutor pool;

  /** Up to {@code threads} forces at once besides the caller's. */
  ParallelForce(int threads) {
    pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), task -> {
      Thread t = new Thread(task, "chat-store-file-force-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
  }

  /**
   * Forces every channel (its content, not its metadata: {@code force(false)}) and returns each
   * failure by index, null where the force succeeded. Returns only once every force has ended, however
   * long that takes: a caller must know which writes are durable. An interrupt is kept for later.
   */
  IOException[] forceAll(List<FileChannel> channels) {
    IOException[] failures = new IOException[channels.size()];
    List<FutureTask<Void>> tasks = new ArrayList<>(channels.size());
    for (int i = 0; i < channels.size(); i++) {
      tasks.add(forceTask(channels.get(i), failures, i));
    }
    for (int i = 1; i < tasks.size(); i++) {
      try {
        pool.execute(tasks.get(i));
      } catch (RejectedExecutionException e) { // closing: the caller forces it
        tasks.get(i).run();
      }
    }
    if (!tasks.isEmpty()) {
      tasks.get(0).run();
    }
    boolean interrupted = false;
    for (int i = 0; i < tasks.size(); i++) {
      while (true) {
        try {
          tasks.get(i).get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) { // not an IOException (the task keeps those): that force failed all the same
          failures[i] = new IOException("forcing failed: " + e.getCause(), e.getCause());
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return failures; // each task's write of its slot happens-before its get() returns
  }

  private static FutureTask<Void> forceTask(FileChannel channel, IOException[] failures, int index) {
    return new FutureTask<>(() -> {
      try {
        channel.force(false);
      } catch (IOException e) {
        failures[index] = e;
      }
      return null;
    });
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
