package dev.chatstore.internal.stream;

import java.util.concurrent.CountDownLatch;

/** A gate a test shuts to hold sink calls where they are, and opens to let them through. Thread-safe. */
final class Gate {
  private volatile CountDownLatch latch;

  void shut() {
    latch = new CountDownLatch(1);
  }

  void open() {
    CountDownLatch l = latch;
    latch = null;
    if (l != null) {
      l.countDown();
    }
  }

  /** Waits while the gate is shut (an interrupt lets the caller through, its flag kept). */
  void pass() {
    CountDownLatch l = latch;
    if (l != null) {
      try {
        l.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
