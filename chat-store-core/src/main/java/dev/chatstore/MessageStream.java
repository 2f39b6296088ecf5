package dev.chatstore;

import dev.chatstore.metadata.MessageMetadata;

/**
 * A message being written while a model produces it. The message exists (PENDING) before the first
 * chunk, so {@link #messageId()} can go into the host's SSE events at once; it turns STREAMING with
 * the first write. Two channels stream side by side: answer text ({@link #append}) and reasoning
 * ({@link #appendReasoning}); tool calls and other parts can be added as they come. Chunks are buffered and written per the stream's {@link FlushPolicy}, so storage
 * is not hit per token; {@link #flush()} returns only once everything appended so far is durable.
 *
 * <p>End it with exactly one of {@link #complete}, {@link #fail} or {@link #close()}: close without
 * the others keeps what streamed and marks it INTERRUPTED (try-with-resources does this on an
 * exception). Any call after the end throws {@link ConflictException} ({@code STREAM_CLOSED});
 * {@code close()} after the end does nothing.
 *
 * <p>Thread-safe: a model thread may append while another thread flushes or ends the stream. If a
 * background flush fails, the failure is thrown from the next call and acknowledged content stays.
 */
public interface MessageStream extends AutoCloseable {
  String messageId();

  String sessionId();

  /** The message's place in the conversation, fixed when the stream opened. */
  long seq();

  /** Adds text; may block while too much is waiting to be written (see {@link FlushPolicy}). */
  MessageStream append(String chunk);

  /**
   * Adds reasoning ("thinking") text, on its own channel beside the answer: buffered, written, flushed
   * and recovered exactly as {@link #append}'s text, and limited to
   * {@link PartLimits#maxPartChars()}. The message's parts hold it as one {@link ReasoningPart}, ahead
   * of the answer text; it is not part of {@link Message#content()}.
   */
  MessageStream appendReasoning(String chunk);

  /**
   * Sets the provider's signature of the streamed reasoning (Anthropic's {@code signature_delta}),
   * kept exactly; the latest one given wins. Written with the next flush.
   */
  MessageStream signReasoning(String signature);

  /** Adds a tool call the model requested mid-reply; written with the next flush. */
  MessageStream addToolCall(ToolCall call);

  /**
   * Attaches a part that is not text (say a generated image's {@link MediaPart}, or an encrypted
   * {@link ReasoningPart}), after the streamed reasoning and text and any part attached before it,
   * within {@link PartLimits}; written with the next flush. Text is refused: stream it with
   * {@link #append}.
   */
  MessageStream addPart(Part part);

  /** Writes everything appended so far and returns once it is durable. */
  void flush();

  /** Writes the rest, marks the message COMPLETE and returns it, in one atomic step. */
  Message complete();

  /** As {@link #complete()}, replacing the message's metadata (usage, finish reason, latency). */
  Message complete(MessageMetadata finalMetadata);

  /** Keeps the content so far, marks the message ERROR and records {@code error} in its metadata. */
  Message fail(String error);

  /** Ends the stream: a stream not completed or failed is kept as INTERRUPTED. Idempotent. */
  @Override
  void close();
}
