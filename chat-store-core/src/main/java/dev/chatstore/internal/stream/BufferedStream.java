package dev.chatstore.internal.stream;

import dev.chatstore.ChatStoreException;
import dev.chatstore.ConflictException;
import dev.chatstore.FlushPolicy;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.NotFoundException;
import dev.chatstore.Role;
import dev.chatstore.StoreLimits;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import dev.chatstore.UnavailableException;
import dev.chatstore.spi.StreamSink;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.JsonChecks;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open {@link MessageStream}: the chunks and tool calls not yet written, and the rules for when
 * they are written through the sink. Background writes (size or delay) go through the engine's
 * {@link WriteQueue}, and so does the end where the sink groups ends; {@link #flush()} writes on the
 * caller's thread.
 *
 * <p>Thread-safe: all state is guarded by {@code lock}; sink calls run outside it, and the
 * {@code writing} flag admits one write at a time, so writes never overlap and keep their order.
 * Throws what {@link MessageStream} documents, plus a background write's failure at the next call.
 */
public final class BufferedStream implements MessageStream {
  private static final Logger LOG = LoggerFactory.getLogger(BufferedStream.class);
  /** Background attempts after a failed write before waiting for the next trigger. */
  static final int MAX_BACKGROUND_RETRIES = 5;
  private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
  // Past this, an emptied buffer gives its memory back rather than holding a peak-sized array.
  private static final int KEPT_CAPACITY = 64 * 1024;

  private final StreamSink sink;
  private final Message begun;
  private final StreamOptions options;
  private final FlushPolicy policy;
  private final long maxDelayNanos;
  private final long backpressureNanos;
  private final StoreLimits limits;
  private final ScheduledExecutorService flusher;
  private final WriteQueue queue;
  private final Runnable onEnd;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition progress = lock.newCondition();

  // Everything below is guarded by lock.
  private StringBuilder buffer = new StringBuilder();
  private final List<ToolCall> bufferedCalls = new ArrayList<>();
  private long oldestBufferedNanos;
  private long contentChars; // appended so far, written or not
  private int toolCallCount;
  private int inFlightChars;
  private long appended; // how many appends were accepted ...
  private long durable; // ... and how many of them are written
  private boolean writing;
  private boolean ending;
  private boolean ended;
  private boolean writeQueued;
  private ScheduledFuture<?> timer;
  private int failures;
  private ChatStoreException failure;

  public BufferedStream(StreamSink sink, Message begun, StreamOptions options, StoreLimits limits,
      ScheduledExecutorService flusher, WriteQueue queue, Runnable onEnd) {
    this.sink = sink;
    this.begun = begun;
    this.options = options;
    this.policy = options.flushPolicy();
    this.maxDelayNanos = nanos(policy.maxDelay());
    this.backpressureNanos = nanos(policy.backpressureTimeout());
    this.limits = limits;
    this.flusher = flusher;
    this.queue = queue;
    this.onEnd = onEnd;
  }

  @Override
  public String messageId() {
    return begun.id();
  }

  @Override
  public String sessionId() {
    return begun.sessionId();
  }

  @Override
  public long seq() {
    return begun.seq();
  }

  StreamSink sink() {
    return sink;
  }

  /** {@code batch} as this stream's write. */
  StreamSink.Write write(Batch batch) {
    return new StreamSink.Write(sessionId(), messageId(), batch.text, batch.calls);
  }

  @Override
  public MessageStream append(String chunk) {
    Checks.notNull(chunk, "chunk");
    lock.lock();
    try {
      checkUsable();
      if (chunk.isEmpty()) {
        return this;
      }
      Checks.wellFormed(chunk, "chunk", endsHalfPair(), true);
      awaitRoomFor(chunk.length());
      markBuffered();
      buffer.append(chunk);
      contentChars += chunk.length();
      appended++;
      if (buffer.length() >= policy.maxBufferedChars()) {
        requestWrite();
      } else {
        armTimer();
      }
      return this;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public MessageStream addToolCall(ToolCall call) {
    Checks.notNull(call, "call");
    lock.lock();
    try {
      checkUsable();
      if (options.role() != Role.ASSISTANT) {
        throw new InvalidInputException("call", "only ASSISTANT messages carry tool calls, not " + options.role());
      }
      JsonChecks.check(call.argumentsJson(), limits.documents(), "call.argumentsJson");
      while (ending) {
        awaitProgress();
        checkUsable();
      }
      if (toolCallCount >= limits.maxToolCallsPerMessage()) {
        throw new InvalidInputException("toolCalls",
            "would hold more than the limit of " + limits.maxToolCallsPerMessage() + " calls");
      }
      markBuffered();
      bufferedCalls.add(call);
      toolCallCount++;
      appended++;
      armTimer();
      return this;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void flush() {
    lock.lock();
    try {
      checkUsable();
      long target = appended;
      while (durable < target) {
        if (ended) {
          throw closed(); // close() failed to write the rest: it cannot become durable any more
        }
        if (writing || ending) {
          awaitProgress();
          continue;
        }
        Batch batch = startWrite();
        RuntimeException error = null;
        lock.unlock();
        try {
          sink.write(sessionId(), messageId(), batch.text, batch.calls);
        } catch (RuntimeException e) {
          error = e;
        } finally {
          lock.lock();
        }
        if (error != null) {
          writeFailed(batch, error, false);
          throw library(error);
        }
        writeSucceeded(batch);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Message complete() {
    return end(MessageStatus.COMPLETE, options.metadata(), false);
  }

  @Override
  public Message complete(MessageMetadata finalMetadata) {
    Checks.notNull(finalMetadata, "finalMetadata");
    return end(MessageStatus.COMPLETE, finalMetadata, false);
  }

  @Override
  public Message fail(String error) {
    Checks.notNull(error, "error");
    return end(MessageStatus.ERROR, options.metadata().withError(error), false);
  }

  @Override
  public void close() {
    try {
      end(MessageStatus.INTERRUPTED, options.metadata(), true);
    } catch (NotFoundException e) {
      // The session or message was purged while streaming: nothing is left to mark.
      LOG.debug("stream {} ended after its message was removed", messageId(), e);
    }
  }

  /**
   * Writes the rest and the final state in one sink call (two where the sink groups: see
   * writeLastFirst). If that fails the stream stays open with
   * its text buffered (so the host may retry), except from close(), which always ends it: what was
   * written stays and {@code recoverAbandonedStreams} will finish the message.
   */
  private Message end(MessageStatus status, MessageMetadata metadata, boolean fromClose) {
    Batch batch;
    lock.lock();
    try {
      if (ended) {
        if (fromClose) {
          return null;
        }
        throw closed();
      }
      if (!fromClose) {
        checkUsable();
      }
      while (writing || ending) {
        if (fromClose) {
          progress.awaitUninterruptibly();
        } else {
          awaitProgress();
        }
        if (ended) {
          if (fromClose) {
            return null;
          }
          throw closed();
        }
      }
      ending = true;
      batch = startWrite(true);
    } finally {
      lock.unlock();
    }
    Message last;
    try {
      batch = writeLastFirst(batch);
      last = queue.finish(this, new StreamSink.Finish(sessionId(), messageId(), batch.text, batch.calls, status,
          metadata));
    } catch (RuntimeException e) {
      lock.lock();
      try {
        ending = false;
        ended = fromClose; // before writeFailed, so no timer is armed for a stream that is over
        writeFailed(batch, e, false);
      } finally {
        lock.unlock();
      }
      if (fromClose) {
        onEnd.run();
      }
      throw library(e);
    }
    lock.lock();
    try {
      ending = false;
      ended = true;
      writeSucceeded(batch);
    } finally {
      lock.unlock();
    }
    onEnd.run();
    return last;
  }

  /**
   * Where the sink groups and other begins or ends are under way, writes the text still buffered
   * first, grouped with other streams' writes, and returns what the end then has to write: nothing.
   * Otherwise returns {@code batch} unwritten, for the end to write in its one step. Why: a write is
   * the cheap step and the end the heavier one (it folds the chunks into the content). When a hundred
   * replies end at once, their last text is then durable after a few grouped writes, instead of each
   * waiting for the ends queued before it; a reply ending alone is spared the extra commit.
   */
  private Batch writeLastFirst(Batch batch) {
    if (!WriteQueue.groups(sink) || (batch.text.isEmpty() && batch.calls.isEmpty()) || !queue.endsBusy(sink)) {
      return batch;
    }
    queue.writeLast(this, batch);
    lock.lock();
    try {
      durable = Math.max(durable, batch.target);
      inFlightChars = 0;
    } finally {
      lock.unlock();
    }
    return new Batch("", List.of(), batch.target, batch.oldestNanos);
  }

  // ---- the background side: timer and write queue -----------------------------------------

  private void onTimer() {
    lock.lock();
    try {
      timer = null;
      requestWrite();
    } finally {
      lock.unlock();
    }
  }

  /**
   * For the write queue: takes the buffer for a background write, or nothing if no write is wanted
   * now (the stream is ending, another write runs, whose completion looks at the buffer again, or
   * nothing is buffered). What is taken must come back through {@link #queuedWriteDone}.
   */
  Optional<Batch> takeQueued() {
    lock.lock();
    try {
      writeQueued = false;
      if (ended || ending || writing || !hasBuffered()) {
        return Optional.empty();
      }
      return Optional.of(startWrite());
    } finally {
      lock.unlock();
    }
  }

  /** For the write queue: the outcome of writing {@code batch}, with {@code error} null on success. */
  void queuedWriteDone(Batch batch, RuntimeException error) {
    lock.lock();
    try {
      if (error == null) {
        writeSucceeded(batch);
      } else {
        writeFailed(batch, error, true);
      }
    } finally {
      lock.unlock();
    }
  }

  // ---- helpers, all called with lock held --------------------------------------------------

  private Batch startWrite() {
    return startWrite(false);
  }

  /**
   * Takes the buffer for one write. A write that is not the last holds back a trailing high surrogate
   * until the chunk with its other half arrives: half a pair cannot be stored (see Checks.wellFormed).
   * The last write stores a half pair the producer never completed as U+FFFD.
   */
  private Batch startWrite(boolean last) {
    writing = true;
    cancelTimer();
    String text = buffer.toString();
    String held = "";
    if (endsHalfPair()) {
      if (last) {
        text = text.substring(0, text.length() - 1) + '\uFFFD';
      } else {
        held = text.substring(text.length() - 1);
        text = text.substring(0, text.length() - 1);
      }
    }
    Batch batch = new Batch(text, List.copyOf(bufferedCalls), appended, oldestBufferedNanos);
    if (buffer.capacity() > KEPT_CAPACITY) {
      buffer = new StringBuilder();
    } else {
      buffer.setLength(0);
    }
    buffer.append(held);
    bufferedCalls.clear();
    inFlightChars = batch.text.length();
    return batch;
  }

  private void writeSucceeded(Batch batch) {
    writing = false;
    inFlightChars = 0;
    durable = Math.max(durable, batch.target);
    failures = 0;
    failure = null; // a later write got through: the earlier failure no longer matters
    afterWrite();
    progress.signalAll();
  }

  private void writeFailed(Batch batch, RuntimeException e, boolean background) {
    writing = false;
    inFlightChars = 0;
    buffer.insert(0, batch.text);
    bufferedCalls.addAll(0, batch.calls);
    if (batch.text.length() > 0 || !batch.calls.isEmpty()) {
      oldestBufferedNanos = batch.oldestNanos;
    }
    failures++;
    if (background) {
      failure = library(e);
      LOG.warn("writing stream {} of session {} failed (attempt {}); its text stays buffered", messageId(),
          sessionId(), failures, e);
      if (failures <= MAX_BACKGROUND_RETRIES) {
        schedule(backoffNanos());
      }
    } else {
      armTimer();
    }
    progress.signalAll();
  }

  /** After a write: what arrived meanwhile is written now if a trigger already fired, else timed. */
  private void afterWrite() {
    if (ended || ending || !hasBuffered()) {
      return;
    }
    boolean overdue = System.nanoTime() - oldestBufferedNanos >= maxDelayNanos;
    if (overdue || buffer.length() >= policy.maxBufferedChars()) {
      requestWrite();
    } else {
      armTimer();
    }
  }

  /** Waits (back-pressure) while taking {@code chars} more would leave too much unwritten. */
  private void awaitRoomFor(int chars) {
    long deadline = System.nanoTime() + backpressureNanos;
    while (true) {
      if (contentChars + chars > limits.maxContentChars()) {
        throw new InvalidInputException("chunk", "would take the content to " + (contentChars + chars)
            + " characters, more than the limit of " + limits.maxContentChars());
      }
      long unwritten = (long) buffer.length() + inFlightChars;
      // A chunk larger than the cap alone is taken once nothing else waits, or it could never fit.
      boolean full = unwritten > 0 && unwritten + chars > policy.maxPendingChars();
      if (!ending && !full) {
        return;
      }
      if (!ending) {
        requestWrite();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new UnavailableException("storage is not keeping up with stream " + messageId() + ": "
            + unwritten + " characters still unwritten after " + policy.backpressureTimeout());
      }
      try {
        progress.awaitNanos(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnavailableException("interrupted while waiting for stream " + messageId() + " to be written", e);
      }
      checkUsable();
    }
  }

  private void awaitProgress() {
    try {
      progress.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while waiting for stream " + messageId() + " to be written", e);
    }
  }

  private void checkUsable() {
    if (ended) {
      throw closed();
    }
    if (failure != null) {
      ChatStoreException pending = failure;
      failure = null;
      throw pending;
    }
  }

  private void markBuffered() {
    if (!hasBuffered()) {
      oldestBufferedNanos = System.nanoTime();
    }
  }

  /** True when there is something a write could store (a held-back half pair alone is not). */
  private boolean hasBuffered() {
    return buffer.length() > (endsHalfPair() ? 1 : 0) || !bufferedCalls.isEmpty();
  }

  private boolean endsHalfPair() {
    return buffer.length() > 0 && Character.isHighSurrogate(buffer.charAt(buffer.length() - 1));
  }

  private void requestWrite() {
    if (writeQueued || ended) {
      return;
    }
    writeQueued = queue.submit(this);
    if (!writeQueued) {
      LOG.debug("stream {}: the engine is closed, no background write", messageId());
    }
  }

  /** Makes sure a background write will come for what is buffered, by its delay or a backoff. */
  private void armTimer() {
    if (ended || writing || writeQueued || timer != null || !hasBuffered()) {
      return;
    }
    long due = oldestBufferedNanos + maxDelayNanos - System.nanoTime();
    schedule(Math.max(due, failures > 0 ? backoffNanos() : 0));
  }

  private void schedule(long delayNanos) {
    cancelTimer();
    try {
      timer = flusher.schedule(this::onTimer, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("stream {}: the engine is closed, no background write", messageId());
    }
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private long backoffNanos() {
    int shift = Math.min(Math.max(failures - 1, 0), 20);
    return Math.min(FIRST_BACKOFF_NANOS << shift, MAX_BACKOFF_NANOS);
  }

  private ConflictException closed() {
    return new ConflictException(ConflictException.Reason.STREAM_CLOSED,
        "stream " + messageId() + " of session " + sessionId() + " has ended");
  }

  private ChatStoreException library(RuntimeException e) {
    if (e instanceof UnavailableException) {
      // A fresh exception, so the host's stack shows its own call, the sink's is the cause.
      return new UnavailableException("writing stream " + messageId() + " failed: " + e.getMessage(), e);
    }
    if (e instanceof ChatStoreException) {
      return (ChatStoreException) e;
    }
    return new UnavailableException("writing stream " + messageId() + " failed: " + e, e);
  }

  /** A duration in nanoseconds, capped so that adding it to a nanoTime cannot overflow. */
  private static long nanos(Duration duration) {
    long cap = Long.MAX_VALUE / 4;
    try {
      return Math.min(duration.toNanos(), cap);
    } catch (ArithmeticException e) {
      return cap;
    }
  }

  /** One write's worth: the text and calls taken from the buffer, and the append count they cover. */
  record Batch(String text, List<ToolCall> calls, long target, long oldestNanos) {}
}
