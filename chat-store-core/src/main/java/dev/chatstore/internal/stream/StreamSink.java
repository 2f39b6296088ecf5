package dev.chatstore.internal.stream;

import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import dev.chatstore.metadata.MessageMetadata;
import java.util.List;

/**
 * What a backend does for a {@link dev.chatstore.MessageStream}: the three writes of a streamed
 * message. The shared {@link StreamEngine} buffers, coalesces and orders the calls; one stream's calls
 * never overlap. Each method returns only once its write is durable and throws the library's own
 * exceptions.
 */
public interface StreamSink {
  /**
   * Writes the message PENDING at the session's next seq (empty content, no tool calls, the options'
   * metadata) and returns it. Conflict if the session is deleted; not found if it does not exist.
   */
  Message begin(String sessionId, StreamOptions options);

  /**
   * Appends {@code text} to the stored content and {@code toolCalls} to the stored calls, and sets
   * STREAMING. Should not rewrite the content already stored where the backend can avoid it.
   */
  void write(String sessionId, String messageId, String text, List<ToolCall> toolCalls);

  /**
   * In one atomic step: appends the last {@code text} and {@code toolCalls}, sets the final
   * {@code status} and replaces the metadata with {@code metadata}; returns the final message.
   */
  Message finish(String sessionId, String messageId, String text, List<ToolCall> toolCalls,
      MessageStatus status, MessageMetadata metadata);
}
