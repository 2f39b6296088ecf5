package dev.chatstore.spi;

import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.StreamOptions;
import dev.chatstore.UnavailableException;
import dev.chatstore.internal.stream.BufferedStream;
import dev.chatstore.internal.stream.WriteQueue;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.InputRules;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coalescing machinery behind every backend's {@link MessageStream}: buffers chunks, writes them
 * through a {@link StreamSink} by size or delay (a few flusher threads per engine, writing the due
 * streams in groups where the sink can: see {@link WriteQueue}), applies back-pressure,
 * and tracks which streams are open in this process. One engine per store, bound to the store's one sink.
 *
 * <p>Thread-safe. {@link #open} throws what the sink's {@code begin} throws, and
 * {@link UnavailableException} once the engine is closed.
 */
public final class StreamEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamEngine.class);
  private static final AtomicInteger ENGINES = new AtomicInteger();

  private final StreamSink sink;
  private final InputRules rules;
  // A few daemon threads per engine run every background write (size- and delay-triggered) of every
  // stream of the store, so a producer thread never waits on storage unless back-pressure says so.
  // The size trigger is handed over too rather than written by the appending thread: the model's
  // token loop never pays a database round trip, and a slow database shows up as back-pressure
  // (bounded by the policy's timeout) instead of as a stalled append. Lag stays low because the
  // flusher takes the whole buffer at each write. Threads start with the first tasks and end
  // after a minute idle, so a store that does not stream holds none. (The idle timeout is safe for
  // a scheduled pool: its last worker never quits while a delayed task is queued.)
  // Several writers, not one: where the sink cannot group (a file per stream), one thread waiting on
  // each write in turn would let every stream's lag grow past the flush delay with a hundred streams.
  // Where it groups, a writer takes every waiting stream into one write, and one writer at a time works
  // for that sink (see WriteQueue). Each stream still admits one
  // write at a time (BufferedStream), so its writes keep their order. One thread more than writers,
  // so timers fire on time while every writer waits on storage.
  static final int WRITERS = 4;
  static final int FLUSHER_THREADS = WRITERS + 1;
  private final ScheduledThreadPoolExecutor flusher;
  private final WriteQueue queue;
  private final Map<Key, BufferedStream> open = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public StreamEngine(StreamSink sink, InputRules rules) {
    this.sink = Checks.notNull(sink, "sink");
    this.rules = Checks.notNull(rules, "rules");
    String name = "chat-store-stream-flusher-" + ENGINES.incrementAndGet();
    this.flusher = new ScheduledThreadPoolExecutor(FLUSHER_THREADS, task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    });
    flusher.setRemoveOnCancelPolicy(true);
    flusher.setKeepAliveTime(1, TimeUnit.MINUTES);
    flusher.allowCoreThreadTimeOut(true);
    flusher.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.queue = new WriteQueue(flusher, WRITERS);
  }

  /** Begins the message through the sink and returns its stream. */
  public MessageStream open(String sessionId, StreamOptions options) {
    Checks.id(sessionId, "sessionId");
    Checks.notNull(options, "options");
    requireOpen();
    Message begun = queue.begin(sink, sessionId, options);
    Key key = new Key(begun.sessionId(), begun.id());
    BufferedStream stream = new BufferedStream(sink, begun, options, rules.limits(), flusher, queue,
        () -> open.remove(key));
    open.put(key, stream);
    if (closed) { // lost a race with close(): it may not have seen this stream
      closeQuietly(stream);
      requireOpen();
    }
    return stream;
  }

  /** True while a stream for this message is open in this engine, in any session. */
  public boolean isOpen(String messageId) {
    return open.keySet().stream().anyMatch(k -> k.messageId().equals(messageId));
  }

  /** True while a stream for this message of this session is open in this engine. */
  public boolean isOpen(String sessionId, String messageId) {
    return open.containsKey(new Key(sessionId, messageId));
  }

  /** Closes every open stream as INTERRUPTED (logging, not throwing, failures) and stops the timer. */
  @Override
  public void close() {
    closed = true;
    for (BufferedStream stream : List.copyOf(open.values())) {
      closeQuietly(stream);
    }
    flusher.shutdown();
    try {
      if (!flusher.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("the stream flusher did not stop within 10 s; a storage write may be stuck");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new UnavailableException("the store is closed: no stream can be opened");
    }
  }

  private static void closeQuietly(BufferedStream stream) {
    try {
      stream.close();
    } catch (RuntimeException e) {
      LOG.warn("could not mark stream {} of session {} INTERRUPTED; recovery will", stream.messageId(),
          stream.sessionId(), e);
    }
  }

  private record Key(String sessionId, String messageId) {}
}
