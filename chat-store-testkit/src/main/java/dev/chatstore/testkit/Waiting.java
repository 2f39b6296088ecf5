package dev.chatstore.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits, in tests, for what happens on other threads or in other processes: polls a condition until
 * it holds, and fails the test with a message naming what was awaited once a deadline passes. The
 * deadline is a safety net against a hang, not a performance assertion.
 */
public final class Waiting {
  /** How long {@link #waitFor(String, BooleanSupplier)} waits: {@link Concurrently#TIMEOUT}. */
  public static final Duration TIMEOUT = Concurrently.TIMEOUT;
  private static final long POLL_MILLIS = 2;

  private Waiting() {}

  /** Polls {@code condition} until it holds; fails after {@link #TIMEOUT} saying "{@code what}". */
  public static void waitFor(String what, BooleanSupplier condition) {
    waitFor(what, TIMEOUT, condition);
  }

  /** Polls {@code condition} until it holds; fails after {@code timeout} saying "{@code what}". */
  public static void waitFor(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + ", in vain");
      }
      try {
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
