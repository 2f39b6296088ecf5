package dev.chatstore.internal.stream;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits, in tests, for what background writers do. */
final class Waiting {
  private Waiting() {}

  /** Polls {@code condition} until it holds; fails the test after 20 s. */
  static void waitFor(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
