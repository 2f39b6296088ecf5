package dev.chatstore.spi;

import dev.chatstore.FlushPolicy;
import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.StreamOptions;
import dev.chatstore.UnavailableException;
import dev.chatstore.internal.stream.BufferedStream;
import dev.chatstore.internal.stream.GroupCommitter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery behind a backend's {@link MessageStream}s, bound to the backend's one
 * {@link StreamSink}: a backend builds one engine per store and returns {@link #open} from
 * {@code SessionStore.openStream}; the sink only stores.
 *
 * <p>What the engine does, so that no backend writes it again:
 * <ul>
 *   <li><b>Coalescing.</b> Chunks and tool calls are buffered per stream and written by size or delay
 *       ({@link FlushPolicy}): storage is not hit per token. A pair of surrogates split across two chunks is
 *       never written half (the high half waits for its low half; U+FFFD if the stream ends first).
 *   <li><b>Background writes.</b> Size- and delay-triggered writes run on the engine's threads, so a
 *       producer never waits on storage unless back-pressure says so: past {@code maxPendingChars}
 *       unwritten, {@code append} waits up to {@code backpressureTimeout}, then throws
 *       {@link UnavailableException}.
 *   <li><b>One way to write.</b> Every write (by size, by delay, a retry, {@link MessageStream#flush()},
 *       an end's last text) is an immutable batch handed to one group committer; one write or end of a
 *       stream is out at a time, so a stream's writes never overlap and keep their order.
 *   <li><b>Group commit</b> where the sink groups ({@link StreamSink#maxGroupedWrites()} above 1): the
 *       writes waiting together go to the sink in one {@link StreamSink#writeAll} call, the begins in one
 *       {@link StreamSink#beginAll}, the ends in one {@link StreamSink#finishAll} (at most 8 begins or ends
 *       per call, as they cost more). One call runs at a time, and when writes and begins/ends both wait
 *       they take turns.
 *   <li><b>Failures.</b> A failed background write keeps its text buffered, is retried with backoff
 *       (10 ms doubling to 1 s, five times, then at the next trigger) and is thrown from the host's next
 *       call. A failed {@code flush()} or end throws at once and keeps the text; after a failed end the
 *       stream stays open, so the host may end it again. {@code close()} always ends the stream (what was
 *       written stays; recovery finishes the message).
 *   <li><b>Open streams.</b> {@link #isOpen} tells recovery and {@code updateMessage} which messages are
 *       live in this process; {@link #close()} ends every open stream INTERRUPTED.
 * </ul>
 *
 * <p>Threads: up to 5 daemon threads named {@code chat-store-stream-flusher-N} per engine (writers and
 * timers), started by the first writes and ended after a minute idle, so a store that does not stream
 * holds none.
 *
 * <p>Thread-safe. {@link #open} throws what the sink's {@code begin} throws, and
 * {@link UnavailableException} once the engine is closed.
 */
public final class StreamEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamEngine.class);
  private static final AtomicInteger ENGINES = new AtomicInteger();

  // Where the sink cannot group (a file per stream), several writers write streams side by side: one
  // thread waiting on each write in turn would let every stream's lag grow past the flush delay with a
  // hundred streams. Where it groups, one writer takes every waiting stream into one call.
  static final int WRITERS = 4;
  // One thread more than writers, so timers fire on time while every writer waits on storage.
  static final int FLUSHER_THREADS = WRITERS + 1;

  private final InputRules rules;
  private final ScheduledThreadPoolExecutor flusher;
  private final GroupCommitter committer;
  private final Map<Key, BufferedStream> open = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * An engine writing through {@code sink} with the store's {@code rules} (their limits apply to what
   * streams take). Reads {@code sink.maxGroupedWrites()} once, here.
   */
  public StreamEngine(StreamSink sink, InputRules rules) {
    Checks.notNull(sink, "sink");
    this.rules = Checks.notNull(rules, "rules");
    String name = "chat-store-stream-flusher-" + ENGINES.incrementAndGet();
    this.flusher = new ScheduledThreadPoolExecutor(FLUSHER_THREADS, task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    });
    flusher.setRemoveOnCancelPolicy(true);
    // Threads end after a minute idle. (Safe for a scheduled pool: its last worker never quits while a
    // delayed task is queued.)
    flusher.setKeepAliveTime(1, TimeUnit.MINUTES);
    flusher.allowCoreThreadTimeOut(true);
    flusher.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.committer = new GroupCommitter(sink, flusher, WRITERS);
  }

  /**
   * Begins the message through the sink (PENDING at the session's next seq, grouped with other begins
   * where the sink groups) and returns its open stream.
   */
  public MessageStream open(String sessionId, StreamOptions options) {
    Checks.id(sessionId, "sessionId");
    Checks.notNull(options, "options");
    requireOpen();
    String messageId = options.messageId().orElseGet(Ids::next);
    Message begun = GroupCommitter.await(committer.begin(new StreamSink.Begin(sessionId, messageId, options)));
    Key key = new Key(begun.sessionId(), begun.id());
    BufferedStream stream = new BufferedStream(begun, options, rules.limits(), committer, flusher,
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

  /**
   * Closes every open stream as INTERRUPTED (logging, not throwing, failures: recovery finishes those),
   * then stops the engine's threads, waiting up to 10 s for a write under way. Idempotent.
   */
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
