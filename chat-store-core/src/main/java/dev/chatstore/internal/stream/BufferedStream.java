package dev.chatstore.internal.stream;

import dev.chatstore.ChatStoreException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.NotFoundException;
import dev.chatstore.Part;
import dev.chatstore.Role;
import dev.chatstore.StoreLimits;
import dev.chatstore.StreamOptions;
import dev.chatstore.TextPart;
import dev.chatstore.ToolCall;
import dev.chatstore.UnavailableException;
import dev.chatstore.internal.stream.StreamBuffer.Batch;
import dev.chatstore.internal.stream.StreamBuffer.Phase;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.InputRules;
import dev.chatstore.spi.StreamSink;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open {@link MessageStream}: its {@link StreamBuffer} behind a lock, the timer that writes it
 * after its delay, and the waits (back-pressure, flush, end). Every write, whatever asks for it (size,
 * delay, a retry, {@link #flush()}, the end), is a batch taken from the buffer and handed to the
 * engine's {@link GroupCommitter}; the stream reacts to the batch's future.
 *
 * <p>Thread-safe: the buffer is guarded by {@code lock}, sink calls run outside it, and the buffer
 * admits one write or end at a time, so a stream's writes never overlap and keep their order. Throws
 * what {@link MessageStream} documents, plus a background write's failure at the next call.
 */
public final class BufferedStream implements MessageStream {
  private static final Logger LOG = LoggerFactory.getLogger(BufferedStream.class);

  private final Message begun;
  private final StreamOptions options;
  private final StoreLimits limits;
  private final long backpressureNanos;
  // How often appends may grow a queued write: each grow takes the committer's lock and scans its
  // line, so a fast stream does it a few times per flush delay rather than at every token.
  private final long growIntervalNanos;
  private final GroupCommitter committer;
  private final Runnable onEnd;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition progress = lock.newCondition();
  // guarded by lock
  private final StreamBuffer buffer;
  private final StreamTimer timer;
  private long lastGrowNanos; // when an append last grew the queued background write
  private CompletableFuture<Void> background; // the background write out, while it is
  private boolean backgroundInGroup; // ... once it is known to be past waiting (taken into a group)

  public BufferedStream(Message begun, StreamOptions options, StoreLimits limits, GroupCommitter committer,
      ScheduledExecutorService scheduler, Runnable onEnd) {
    this.begun = begun;
    this.options = options;
    this.limits = limits;
    this.backpressureNanos = StreamBuffer.nanos(options.flushPolicy().backpressureTimeout());
    this.growIntervalNanos = StreamBuffer.nanos(options.flushPolicy().maxDelay()) / 8;
    this.committer = committer;
    this.onEnd = onEnd;
    this.buffer = new StreamBuffer(begun.sessionId(), begun.id(), options.flushPolicy(), limits);
    this.timer = new StreamTimer(scheduler);
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

  @Override
  public MessageStream append(String chunk) {
    return append(chunk, false);
  }

  @Override
  public MessageStream appendReasoning(String chunk) {
    return append(chunk, true);
  }

  private MessageStream append(String chunk, boolean isReasoning) {
    argument(chunk, "chunk");
    lock.lock();
    try {
      buffer.checkUsable();
      if (chunk.isEmpty()) {
        return this;
      }
      buffer.checkWellFormed(chunk, isReasoning);
      awaitRoomFor(chunk.length(), isReasoning);
      long now = System.nanoTime();
      buffer.append(chunk, isReasoning, now);
      if (buffer.phase() == Phase.OPEN) {
        if (buffer.sizeDue()) {
          writeInBackground();
        } else {
          armTimer();
        }
      } else if (buffer.sizeDue() || now - lastGrowNanos >= growIntervalNanos) {
        // A write still waiting in line takes in what arrives meanwhile: otherwise that text would
        // wait for the queued write, then for its own delay, then for its own turn in line.
        lastGrowNanos = now;
        growBackgroundWrite();
      }
      return this;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public MessageStream addToolCall(ToolCall call) {
    argument(call, "call");
    return add(now -> {
      if (options.role() != Role.ASSISTANT) {
        throw new InvalidInputException("call", "only ASSISTANT messages carry tool calls, not " + options.role());
      }
      InputRules.arguments(call, limits.documents(), "call.argumentsJson");
      buffer.addCall(call, now);
    });
  }

  @Override
  public MessageStream signReasoning(String signature) {
    argument(signature, "signature");
    return add(now -> buffer.sign(signature, now));
  }

  @Override
  public MessageStream addPart(Part part) {
    argument(part, "part");
    return add(now -> {
      if (part instanceof TextPart) {
        throw new InvalidInputException("part", "is text: stream text with append()");
      }
      buffer.attach(part, now);
    });
  }

  /** Adds one item that is not text to the buffer (once an end under way is over) and times its write. */
  private MessageStream add(LongConsumer toBuffer) {
    lock.lock();
    try {
      buffer.checkUsable();
      while (buffer.phase() == Phase.ENDING) {
        awaitProgress();
        buffer.checkUsable();
      }
      toBuffer.accept(System.nanoTime());
      armTimer();
      return this;
    } finally {
      lock.unlock();
    }
  }

  /** Writes what was appended before the call, through the committer like any write, and waits for it. */
  @Override
  public void flush() {
    lock.lock();
    try {
      buffer.checkUsable();
      long target = buffer.appended();
      while (!buffer.durableUpTo(target)) {
        switch (buffer.phase()) {
          case ENDED -> throw buffer.closed(); // close() failed to write the rest: it cannot become durable
          case WRITING, ENDING -> { // a write of this stream is out: its outcome comes first
            growBackgroundWrite();
            awaitProgress();
          }
          case OPEN -> writeAndWait();
        }
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
    argument(finalMetadata, "finalMetadata");
    return end(MessageStatus.COMPLETE, finalMetadata, false);
  }

  @Override
  public Message fail(String error) {
    argument(error, "error");
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
   * {@link #writeEndTextFirst}). If that fails the stream stays open with its text buffered (so the host
   * may retry), except from close(), which always ends it: what was written stays and
   * {@code recoverAbandonedStreams} will finish the message. Returns null from close() on an ended stream.
   */
  private Message end(MessageStatus status, MessageMetadata metadata, boolean fromClose) {
    Batch batch;
    lock.lock();
    try {
      if (buffer.phase() == Phase.ENDED) {
        if (fromClose) {
          return null;
        }
        throw buffer.closed();
      }
      if (!fromClose) {
        buffer.checkUsable();
      }
      while (buffer.phase() != Phase.OPEN) {
        if (buffer.phase() == Phase.ENDED) {
          if (fromClose) {
            return null;
          }
          throw buffer.closed();
        }
        // A background write still waiting for its group joins the end instead: one step, not two in turn.
        if (!withdrawBackgroundWrite()) {
          if (fromClose) {
            progress.awaitUninterruptibly();
          } else {
            awaitProgress();
          }
        }
      }
      batch = buffer.takeEnd();
      timer.cancel();
    } finally {
      lock.unlock();
    }
    Message last;
    try {
      batch = writeEndTextFirst(batch);
      last = GroupCommitter.await(committer.finish(new StreamSink.Finish(sessionId(), messageId(), batch.delta(),
          status, metadata)));
    } catch (RuntimeException e) {
      lock.lock();
      try {
        buffer.endFailed(fromClose);
        armTimer(); // for what is buffered again, unless the stream is over
        progress.signalAll();
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
      buffer.ended();
      progress.signalAll();
    } finally {
      lock.unlock();
    }
    onEnd.run();
    return last;
  }

  /**
   * Where the sink groups and other begins or ends are under way, writes the end's text first, grouped
   * with other streams' writes, and returns what the end then has to write: nothing. Otherwise returns
   * {@code batch} unwritten, for the end to write in its one step. Why: a write is the cheap step and the
   * end the heavier one (it folds the chunks into the content). When a hundred replies end at once,
   * their last text is then durable after a few grouped writes, instead of each waiting for the ends
   * queued before it; a reply ending alone is spared the extra commit.
   */
  private Batch writeEndTextFirst(Batch batch) {
    if (!committer.groups() || batch.isEmpty() || !committer.edgesBusy()) {
      return batch;
    }
    GroupCommitter.await(committer.write(write(batch), true));
    lock.lock();
    try {
      Batch rest = buffer.endTextWritten();
      progress.signalAll();
      return rest;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A null argument is refused, but a call after the end is STREAM_CLOSED whatever its arguments, as
   * MessageStream promises: the end is checked first.
   */
  private void argument(Object value, String field) {
    if (value != null) {
      return;
    }
    lock.lock();
    try {
      if (buffer.phase() == Phase.ENDED) {
        throw buffer.closed();
      }
    } finally {
      lock.unlock();
    }
    Checks.notNull(value, field);
  }

  // ---- writes, all called with lock held ---------------------------------------------------

  /** A flush's write: the buffer as one batch, waited for on this thread with the lock released. */
  private void writeAndWait() {
    Batch batch = buffer.takeWrite();
    timer.cancel();
    CompletableFuture<Void> done = committer.write(write(batch), true);
    RuntimeException error = null;
    lock.unlock();
    try {
      GroupCommitter.await(done);
    } catch (RuntimeException e) {
      error = e;
    } finally {
      lock.lock();
    }
    if (error != null) {
      buffer.writeFailed();
      armTimer();
      progress.signalAll();
      throw library(error);
    }
    buffer.written();
    afterWrite();
    progress.signalAll();
  }

  /**
   * A write by size, delay or retry: the buffer as one batch, handed to the committer without waiting.
   * Does nothing while another write or the end is out: {@link #afterWrite} looks at the buffer again.
   */
  private void writeInBackground() {
    if (buffer.phase() != Phase.OPEN || !buffer.hasBuffered()) {
      return;
    }
    Batch batch = buffer.takeWrite();
    timer.cancel();
    watch(committer.write(write(batch), false));
  }

  /**
   * Where the background write out still waits for its group, puts everything buffered since into it,
   * in its place in line: one write instead of a second one queued behind it. Asked by appends while
   * the write waits (at the size trigger, else at most every eighth of the flush delay) and by flush(),
   * so text appended meanwhile is written with it rather than after it and a delay of its own.
   */
  private void growBackgroundWrite() {
    if (background == null || backgroundInGroup || !buffer.hasBuffered()) {
      return;
    }
    Batch grown = buffer.grownWrite();
    Optional<CompletableFuture<Void>> replaced = committer.replace(background, write(grown));
    if (replaced.isEmpty()) {
      backgroundInGroup = true; // being written: what came since waits for its outcome
      return;
    }
    buffer.grew(grown);
    watch(replaced.get());
  }

  /** {@code done} is the background write out now; its outcome comes back to this stream. */
  private void watch(CompletableFuture<Void> done) {
    background = done;
    backgroundInGroup = false;
    done.whenComplete((ignored, error) -> writtenInBackground(done, error));
  }

  /** The outcome of a background write, on whichever thread completed it. */
  private void writtenInBackground(CompletableFuture<Void> done, Throwable error) {
    lock.lock();
    try {
      if (background == done) {
        background = null;
      }
      if (error == null) {
        buffer.written();
        afterWrite();
      } else {
        buffer.writeFailed();
        buffer.report(library(GroupCommitter.cause(error)));
        LOG.warn("writing stream {} of session {} failed; its text stays buffered", messageId(), sessionId(),
            error);
        if (buffer.retriesLeft()) {
          timer.schedule(this::onTimer, buffer.backoffNanos());
        }
      }
      progress.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** True if the background write out had not reached a group yet and is buffered again. */
  private boolean withdrawBackgroundWrite() {
    if (background == null || !committer.withdraw(background)) {
      return false;
    }
    background = null;
    buffer.writeWithdrawn();
    return true;
  }

  /** After a write: what arrived meanwhile is written now if a trigger already fired, else timed. */
  private void afterWrite() {
    if (buffer.writeDue(System.nanoTime())) {
      writeInBackground();
    } else {
      armTimer();
    }
  }

  /** Makes sure a background write will come for what is buffered, by its delay or a backoff. */
  private void armTimer() {
    if (buffer.phase() != Phase.OPEN || timer.armed() || !buffer.hasBuffered()) {
      return;
    }
    timer.schedule(this::onTimer, buffer.timerDelayNanos(System.nanoTime()));
  }

  private void onTimer() {
    lock.lock();
    try {
      timer.fired();
      writeInBackground();
    } finally {
      lock.unlock();
    }
  }

  private StreamSink.Write write(Batch batch) {
    return new StreamSink.Write(sessionId(), messageId(), batch.delta());
  }

  // ---- waiting, all called with lock held --------------------------------------------------

  /** Waits (back-pressure) while taking {@code chars} more would leave too much unwritten. */
  private void awaitRoomFor(int chars, boolean isReasoning) {
    long deadline = System.nanoTime() + backpressureNanos;
    while (true) {
      buffer.checkRoom(chars, isReasoning);
      boolean ending = buffer.phase() == Phase.ENDING;
      if (!ending && buffer.hasRoomFor(chars)) {
        return;
      }
      if (!ending) {
        writeInBackground();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new UnavailableException("storage is not keeping up with stream " + messageId() + ": "
            + buffer.unwrittenChars() + " characters still unwritten after "
            + options.flushPolicy().backpressureTimeout());
      }
      try {
        progress.awaitNanos(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnavailableException("interrupted while waiting for stream " + messageId() + " to be written", e);
      }
      buffer.checkUsable();
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

  private ChatStoreException library(RuntimeException e) {
    if (e instanceof UnavailableException) {
      // A fresh exception, so the host's stack shows its own call, the sink's is the cause.
      return new UnavailableException("writing stream " + messageId() + " failed: " + e.getMessage(), e);
    }
    if (e instanceof ChatStoreException chatStore) {
      return chatStore;
    }
    return new UnavailableException("writing stream " + messageId() + " failed: " + e, e);
  }
}
