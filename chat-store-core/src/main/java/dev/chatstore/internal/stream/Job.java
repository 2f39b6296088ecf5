package dev.chatstore.internal.stream;

import dev.chatstore.Message;
import dev.chatstore.spi.StreamSink;
import java.util.concurrent.CompletableFuture;

/**
 * A sink call waiting for its group: the call as an immutable value, and the future its outcome goes
 * to. Whoever submits it keeps the future; nothing here knows the stream it came from.
 */
sealed interface Job permits Job.BeginJob, Job.WriteJob, Job.FinishJob {
  /** The three kinds of sink call; a group holds calls of one kind. */
  enum Kind { BEGIN, WRITE, END }

  Kind kind();

  CompletableFuture<?> result();

  /** Fails the job (if no outcome reached it yet). */
  default void fail(RuntimeException e) {
    result().completeExceptionally(e);
  }

  /** A stream to begin; completes with the begun message. */
  record BeginJob(StreamSink.Begin call, CompletableFuture<Message> result) implements Job {
    BeginJob(StreamSink.Begin call) {
      this(call, new CompletableFuture<>());
    }

    @Override
    public Kind kind() {
      return Kind.BEGIN;
    }
  }

  /** Text and tool calls to write; completes once they are durable. */
  record WriteJob(StreamSink.Write call, CompletableFuture<Void> result) implements Job {
    WriteJob(StreamSink.Write call) {
      this(call, new CompletableFuture<>());
    }

    @Override
    public Kind kind() {
      return Kind.WRITE;
    }
  }

  /** A stream to end; completes with the final message. */
  record FinishJob(StreamSink.Finish call, CompletableFuture<Message> result) implements Job {
    FinishJob(StreamSink.Finish call) {
      this(call, new CompletableFuture<>());
    }

    @Override
    public Kind kind() {
      return Kind.END;
    }
  }
}
