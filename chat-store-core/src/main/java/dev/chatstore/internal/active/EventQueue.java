package dev.chatstore.internal.active;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners in the order they were queued, one at a time, without holding the
 * lock that ordered them: whichever thread finds nobody delivering drains the queue. A listener that
 * queues an event from inside its callback finds the queue busy, so its event follows in order
 * instead of recursing. Thread-safe.
 */
public final class EventQueue<E> {
  private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);

  private final Queue<E> pending = new ConcurrentLinkedQueue<>();
  private final CopyOnWriteArrayList<Consumer<? super E>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean delivering = new AtomicBoolean();

  /** Adds a listener; the returned action removes it. */
  public Runnable add(Consumer<? super E> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Queues an event; call while holding the lock that orders the changes. */
  public void enqueue(E event) {
    pending.add(event);
  }

  /**
   * Delivers what is queued unless a thread is already delivering (this one, from inside a callback:
   * the loop below picks the new event up next); call without locks held.
   */
  public void deliver() {
    while (!pending.isEmpty() && delivering.compareAndSet(false, true)) {
      try {
        E event;
        while ((event = pending.poll()) != null) {
          notifyAll(event);
        }
      } finally {
        delivering.set(false);
      }
    }
  }

  private void notifyAll(E event) {
    for (Consumer<? super E> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) { // host code: one failing listener must not starve the others
        LOG.warn("an event listener failed on {}", event, e);
      }
    }
  }
}
