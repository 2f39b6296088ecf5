package dev.chatstore.bench.support;

/**
 * The producer's side of one streamed reply: when each token was handed to the store (nanoTime just
 * before the append call) and how many characters the reply held once it was, plus when the call
 * that ended the reply returned. Filled by one thread, read after it finished.
 */
public final class ReplyTrace {
  private final String messageId;
  private final long[] appendNanos;
  private final long[] endChars;
  private int tokens;
  private long chars;
  private long doneNanos;

  public ReplyTrace(String messageId, int capacity) {
    this.messageId = messageId;
    this.appendNanos = new long[capacity];
    this.endChars = new long[capacity];
  }

  /** Call just before handing a token of {@code length} chars to the store; returns the stamp taken. */
  public long token(int length) {
    long now = System.nanoTime();
    appendNanos[tokens] = now;
    chars += length;
    endChars[tokens] = chars;
    tokens++;
    return now;
  }

  /** Call when the reply's final write (complete) returned: everything is durable by then. */
  public void done() {
    doneNanos = System.nanoTime();
  }

  public String messageId() {
    return messageId;
  }

  public int tokens() {
    return tokens;
  }

  long appendNanos(int i) {
    return appendNanos[i];
  }

  long endChars(int i) {
    return endChars[i];
  }

  long doneNanos() {
    return doneNanos;
  }
}
