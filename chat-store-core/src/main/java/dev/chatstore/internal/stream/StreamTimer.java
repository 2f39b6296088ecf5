package dev.chatstore.internal.stream;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream's one pending delay (its delay trigger or a backoff), on the engine's scheduler.
 *
 * <p>Not thread-safe: the stream's lock guards it, and the task must call {@link #fired()} under that
 * lock. Once the scheduler is shut down, scheduling does nothing.
 */
final class StreamTimer {
  private static final Logger LOG = LoggerFactory.getLogger(StreamTimer.class);

  private final ScheduledExecutorService scheduler;
  private ScheduledFuture<?> pending;

  StreamTimer(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  boolean armed() {
    return pending != null;
  }

  /** Runs {@code task} after {@code delayNanos}, replacing whatever was pending. */
  void schedule(Runnable task, long delayNanos) {
    cancel();
    try {
      pending = scheduler.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("the stream engine is closed: no timer");
    }
  }

  void cancel() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  /** The pending task has started: nothing is pending any more. */
  void fired() {
    pending = null;
  }
}
