package dev.chatstore.file.internal;

import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.MessageStatus;
import dev.chatstore.StreamOptions;
import dev.chatstore.file.internal.Event.StreamBegun;
import dev.chatstore.file.internal.Event.StreamFinished;
import dev.chatstore.file.internal.Event.StreamFlushed;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.StreamDelta;
import dev.chatstore.spi.StreamSink;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Instant;

/**
 * The file store's side of a stream: each begin, flush and finish is one line appended to the
 * session file (a flush carries only the delta added since the last one, on every channel, so no
 * character is written twice), forced per the fsync policy before the call returns. Thread-safe.
 */
final class FileStreamSink implements StreamSink {
  private final FileContext ctx;
  private final Gate gate;

  FileStreamSink(FileContext ctx, Gate gate) {
    this.ctx = ctx;
    this.gate = gate;
  }

  @Override
  public Message begin(String sessionId, String messageId, StreamOptions options) {
    Checks.id(sessionId, "sessionId");
    String metadata = ctx.encode(options.metadata());
    return gate.run(() -> ctx.sessions.with(sessionId, (handle, s) -> {
      FileContext.requireNotDeleted(s);
      if (s.byId.containsKey(messageId)) {
        throw new ConflictException(ConflictException.Reason.ALREADY_EXISTS,
            "a message with id " + messageId + " exists in session " + sessionId);
      }
      Instant now = ctx.now();
      LineMessage pending = LineMessage.pending(messageId, s.messageCount() + 1, options.role(), metadata, now);
      ctx.writer.append(handle, s, new StreamBegun(pending));
      return pending.toMessage(sessionId, ctx.decodeMessageMetadata(metadata));
    }));
  }

  @Override
  public void write(String sessionId, String messageId, StreamDelta delta) {
    gate.run(() -> ctx.sessions.with(sessionId, (handle, s) -> {
      running(s, sessionId, messageId);
      ctx.writer.append(handle, s, new StreamFlushed(ctx.now(), messageId, delta));
      return null;
    }));
  }

  @Override
  public Message finish(String sessionId, String messageId, StreamDelta delta, MessageStatus status,
      MessageMetadata metadata) {
    String encoded = ctx.encode(metadata);
    return gate.run(() -> ctx.sessions.with(sessionId, (handle, s) -> {
      MessageSlot slot = running(s, sessionId, messageId);
      ctx.writer.append(handle, s, new StreamFinished(ctx.now(), messageId, delta, status, encoded));
      return ctx.read(handle, s, slot);
    }));
  }

  /** The slot of a message still streaming; a message ended meanwhile (recovered) is a conflict. */
  private static MessageSlot running(LoadedSession s, String sessionId, String messageId) {
    MessageSlot slot = s.byId.get(messageId);
    if (slot == null) {
      throw new MessageNotFoundException(sessionId, messageId);
    }
    if (slot.isFinal()) {
      throw new ConflictException(ConflictException.Reason.STREAM_CLOSED,
          "message " + messageId + " of session " + sessionId + " was already ended (recovered as "
              + slot.status + ")");
    }
    return slot;
  }

}
