package dev.chatstore.audit;

import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.Part;
import dev.chatstore.ToolCall;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A stream that reports its end once (completed, failed or closed) to the {@link AuditedStore} that opened it. */
final class AuditedStream implements MessageStream {
  /** Told once, when the stream ends. */
  interface Ended {
    void ended(AuditedStream stream, Instant at, Duration took, int chars, Optional<Throwable> error);
  }

  private final MessageStream stream;
  private final Ended ended;
  private final Instant opened;
  private final long openedNanos = System.nanoTime();
  private final AtomicInteger chars = new AtomicInteger();
  private final AtomicBoolean reported = new AtomicBoolean();

  AuditedStream(MessageStream stream, Ended ended, Clock clock) {
    this.stream = stream;
    this.ended = ended;
    this.opened = clock.instant();
  }

  @Override
  public String messageId() {
    return stream.messageId();
  }

  @Override
  public String sessionId() {
    return stream.sessionId();
  }

  @Override
  public long seq() {
    return stream.seq();
  }

  @Override
  public MessageStream append(String chunk) {
    stream.append(chunk);
    chars.addAndGet(chunk.length());
    return this;
  }

  @Override
  public MessageStream appendReasoning(String chunk) {
    stream.appendReasoning(chunk);
    return this;
  }

  @Override
  public MessageStream signReasoning(String signature) {
    stream.signReasoning(signature);
    return this;
  }

  @Override
  public MessageStream addToolCall(ToolCall call) {
    stream.addToolCall(call);
    return this;
  }

  @Override
  public MessageStream addPart(Part part) {
    stream.addPart(part);
    return this;
  }

  @Override
  public void flush() {
    stream.flush();
  }

  @Override
  public Message complete() {
    return ending(stream::complete);
  }

  @Override
  public Message complete(MessageMetadata finalMetadata) {
    return ending(() -> stream.complete(finalMetadata));
  }

  @Override
  public Message fail(String error) {
    return ending(() -> stream.fail(error));
  }

  @Override
  public void close() {
    ending(() -> {
      stream.close();
      return null;
    });
  }

  private Message ending(Supplier<Message> end) {
    Message message;
    try {
      message = end.get();
    } catch (RuntimeException e) {
      report(Optional.of(e));
      throw e;
    }
    report(Optional.empty());
    return message;
  }

  // the first end counts; a close after complete() is the try-with-resources' and says nothing new
  private void report(Optional<Throwable> error) {
    if (reported.compareAndSet(false, true)) {
      ended.ended(this, opened, Duration.ofNanos(System.nanoTime() - openedNanos), chars.get(), error);
    }
  }
}
