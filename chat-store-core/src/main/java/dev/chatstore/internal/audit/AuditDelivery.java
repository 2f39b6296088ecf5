package dev.chatstore.internal.audit;

import dev.chatstore.ChatSession;
import dev.chatstore.SessionStore;
import dev.chatstore.audit.AuditEvent;
import dev.chatstore.audit.AuditListener;
import dev.chatstore.audit.AuditOperation;
import dev.chatstore.audit.AuditOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit hook's queue and its one delivery thread: callers only offer (never wait), the thread finds
 * the owners callers did not know (a read the write path never pays for) and calls the listener.
 */
public final class AuditDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(AuditDelivery.class);
  private static final int OWNER_CACHE = 10_000;
  private static final long CLOSE_WAIT_SECONDS = 10;

  private final BlockingQueue<AuditEvent> queue;
  private final AuditListener listener;
  private final SessionStore store;
  private final Clock clock;
  private final AtomicLong droppedSinceReport = new AtomicLong();
  private final AtomicLong droppedTotal = new AtomicLong();
  // an owner never changes, so a found owner stays right; bounded, least recently used goes first
  private final Map<String, String> owners = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > OWNER_CACHE;
    }
  };
  private final Thread thread;
  private volatile boolean closing;

  public AuditDelivery(SessionStore store, AuditListener listener, int capacity, Clock clock) {
    this.store = store;
    this.listener = listener;
    this.clock = clock;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, "chat-store-audit");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues the event, or counts it dropped when the queue is full or closed. */
  public void offer(AuditEvent event) {
    if (closing || !queue.offer(event)) {
      droppedSinceReport.incrementAndGet();
      droppedTotal.incrementAndGet();
    }
  }

  public long droppedEvents() {
    return droppedTotal.get();
  }

  /** Delivers what is queued (waiting a bounded time), then stops the thread. */
  public void close() {
    closing = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (true) {
      AuditEvent event;
      try {
        event = closing ? queue.poll() : queue.take();
      } catch (InterruptedException e) {
        continue; // closing: drain what is left, then stop
      }
      if (event == null) {
        reportDrops();
        return;
      }
      deliver(withOwner(event));
      reportDrops();
    }
  }

  private void reportDrops() {
    long dropped = droppedSinceReport.getAndSet(0);
    if (dropped > 0) {
      deliver(new AuditEvent(clock.instant(), Optional.empty(), Optional.empty(), AuditOperation.EVENTS_DROPPED,
          (int) Math.min(Integer.MAX_VALUE, dropped), AuditOutcome.OK, Optional.empty(), Duration.ZERO));
    }
  }

  private AuditEvent withOwner(AuditEvent event) {
    if (event.ownerId().isPresent()) {
      event.sessionId().ifPresent(id -> owners.put(id, event.ownerId().get()));
      return event;
    }
    if (event.sessionId().isEmpty()) {
      return event;
    }
    String sessionId = event.sessionId().get();
    String owner = owners.get(sessionId);
    if (owner == null && !closing) {
      try {
        owner = store.findSession(sessionId).map(ChatSession::ownerId).orElse(null);
      } catch (RuntimeException e) {
        owner = null; // a bad or purged id, a closed store: the event goes without an owner
      }
      if (owner != null) {
        owners.put(sessionId, owner);
      }
    }
    return owner == null ? event : event.withOwner(owner);
  }

  private void deliver(AuditEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      LOG.warn("audit listener failed on {}; delivery goes on", event.operation(), e);
    }
  }
}
