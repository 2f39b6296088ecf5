package dev.chatstore.internal.memory;

import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.StreamOptions;
import dev.chatstore.spi.StreamDelta;
import dev.chatstore.spi.StreamSink;
import dev.chatstore.metadata.MessageMetadata;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The in-memory store's {@link StreamSink}: each call is one atomic step of the session's slot.
 * Thread-safe; throws what {@link SessionSlot} throws, and InvalidInputException for bad metadata
 * before anything changes.
 */
final class MemorySink implements StreamSink {
  private final Function<String, SessionSlot> slots;
  private final UnaryOperator<MessageMetadata> stored;

  /** {@code slots} finds a live session or throws; {@code stored} validates metadata as stored. */
  MemorySink(Function<String, SessionSlot> slots, UnaryOperator<MessageMetadata> stored) {
    this.slots = slots;
    this.stored = stored;
  }

  @Override
  public Message begin(String sessionId, String messageId, StreamOptions options) {
    MessageMetadata metadata = stored.apply(options.metadata());
    return slots.apply(sessionId).begin(messageId, options, metadata);
  }

  @Override
  public void write(String sessionId, String messageId, StreamDelta delta) {
    slots.apply(sessionId).write(messageId, delta);
  }

  @Override
  public Message finish(String sessionId, String messageId, StreamDelta delta, MessageStatus status,
      MessageMetadata metadata) {
    MessageMetadata last = stored.apply(metadata);
    return slots.apply(sessionId).finish(messageId, delta, status, last);
  }
}
