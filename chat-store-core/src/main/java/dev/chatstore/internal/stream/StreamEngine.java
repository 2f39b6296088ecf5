package dev.chatstore.internal.stream;

import dev.chatstore.MessageStream;
import dev.chatstore.StreamOptions;
import dev.chatstore.internal.InputRules;

/**
 * The coalescing machinery behind every backend's {@link MessageStream}: buffers chunks, writes them
 * through a {@link StreamSink} by size or delay (one timer thread per engine), applies back-pressure,
 * and tracks which streams are open in this process. One engine per store. Thread-safe.
 */
public final class StreamEngine implements AutoCloseable {
  private final InputRules rules;

  public StreamEngine(InputRules rules) {
    this.rules = rules;
  }

  /** Begins the message through {@code sink} and returns its stream. */
  public MessageStream open(StreamSink sink, String sessionId, StreamOptions options) {
    throw new UnsupportedOperationException("engine under construction");
  }

  /** True while a stream for this message is open in this engine. */
  public boolean isOpen(String messageId) {
    return false;
  }

  /** Closes every open stream as INTERRUPTED and stops the timer. */
  @Override
  public void close() {}
}
