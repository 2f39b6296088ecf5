package dev.chatstore.internal.stream;

import dev.chatstore.NewMessage;
import dev.chatstore.spi.StreamDelta;
import dev.chatstore.spi.StreamSink;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import dev.chatstore.UnavailableException;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A sink that keeps one message in memory and can be made to block or to fail. */
final class FakeSink implements StreamSink {
  private final StringBuilder content = new StringBuilder();
  private final List<ToolCall> calls = new ArrayList<>();
  private StreamDelta streamed = StreamDelta.EMPTY; // everything written, both channels
  private final List<String> writes = new ArrayList<>();
  private final List<String> writerThreads = new ArrayList<>();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger failedAttempts = new AtomicInteger();
  private final AtomicBoolean overlapped = new AtomicBoolean();
  private volatile boolean failing;
  private final Gate gate = new Gate();
  private StreamOptions options;
  private String messageId;
  private MessageStatus status;
  private MessageMetadata metadata;
  private int finishes;

  @Override
  public synchronized Message begin(String sessionId, String messageId, StreamOptions opts) {
    this.messageId = messageId;
    this.options = opts;
    this.status = MessageStatus.PENDING;
    this.metadata = opts.metadata();
    return message(sessionId);
  }

  @Override
  public void write(String sessionId, String messageId, StreamDelta delta) {
    enter();
    try {
      synchronized (this) {
        add(delta);
        writes.add(delta.text());
        writerThreads.add(Thread.currentThread().getName());
        status = MessageStatus.STREAMING;
      }
    } finally {
      active.decrementAndGet();
    }
  }

  @Override
  public Message finish(String sessionId, String messageId, StreamDelta delta, MessageStatus finalStatus,
      MessageMetadata finalMetadata) {
    enter();
    try {
      synchronized (this) {
        add(delta);
        status = finalStatus;
        metadata = finalMetadata;
        finishes++;
        return message(sessionId);
      }
    } finally {
      active.decrementAndGet();
    }
  }

  /** Counts concurrent calls, then blocks while the gate is shut and fails while failing. */
  private void enter() {
    if (active.incrementAndGet() > 1) {
      overlapped.set(true);
    }
    gate.pass();
    if (failing) {
      failedAttempts.incrementAndGet();
      active.decrementAndGet();
      throw new UnavailableException("database down");
    }
  }

  private Message message(String sessionId) {
    Instant now = Instant.EPOCH;
    return new Message(messageId, sessionId, 1, options.role(), streamed.parts(), status, calls, List.of(), metadata, NewMessage.NO_ATTRIBUTES, Optional.empty(), now, now);
  }

  void shut() {
    gate.shut();
  }

  void open() {
    gate.open();
  }

  void failing(boolean fail) {
    this.failing = fail;
  }

  int failedAttempts() {
    return failedAttempts.get();
  }

  boolean overlapped() {
    return overlapped.get();
  }

  /** Everything written so far, as one delta. */
  synchronized StreamDelta streamed() {
    return streamed;
  }

  private void add(StreamDelta delta) {
    content.append(delta.text());
    calls.addAll(delta.toolCalls());
    streamed = streamed.plus(delta);
  }

  synchronized String content() {
    return content.toString();
  }

  synchronized List<ToolCall> calls() {
    return List.copyOf(calls);
  }

  /** The text of each write, in order. */
  synchronized List<String> writtenTexts() {
    return List.copyOf(writes);
  }

  synchronized int writes() {
    return writes.size();
  }

  synchronized List<String> writerThreads() {
    return List.copyOf(writerThreads);
  }

  synchronized MessageStatus status() {
    return status;
  }

  synchronized MessageMetadata metadata() {
    return metadata;
  }

  synchronized int finishes() {
    return finishes;
  }
}
