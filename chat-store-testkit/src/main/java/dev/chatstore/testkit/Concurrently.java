package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs tasks on real threads released together by a start gate, and waits for them with a bound so a
 * deadlocked store fails the test instead of hanging the build. The bound is a safety net, not a
 * performance assertion.
 */
public final class Concurrently {
  /** Long enough for a slow CI machine and a database backend; a hang fails after this. */
  public static final Duration TIMEOUT = Duration.ofSeconds(120);

  private Concurrently() {}

  /** Runs each task on its own thread, all starting at once; returns their results in task order. */
  public static <T> List<T> run(List<Callable<T>> tasks) {
    return run(tasks.size(), tasks);
  }

  /** Runs the tasks on {@code threads} threads, all released at once; returns results in task order. */
  public static <T> List<T> run(int threads, List<Callable<T>> tasks) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch gate = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          gate.await();
          return task.call();
        }));
      }
      gate.countDown();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
      return results;
    } catch (ExecutionException e) {
      throw new AssertionError("a concurrent task failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      return fail("concurrent tasks did not finish within " + TIMEOUT + " (a deadlock?)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    } finally {
      pool.shutdownNow();
    }
  }
}
