package dev.chatstore;

/** Where a message is in its life: appended messages are COMPLETE, streamed ones pass through the rest. */
public enum MessageStatus {
  /** The row exists (its id is known) but no content has streamed yet. */
  PENDING,
  /** Content is arriving; what has been flushed is readable. */
  STREAMING,
  COMPLETE,
  /** The producer failed; the content so far is kept and the error is in the metadata. */
  ERROR,
  /** The stream was closed without completing, or its process died; the content so far is kept. */
  INTERRUPTED;

  /** True for the states a message ends in. */
  public boolean isFinal() {
    return this == COMPLETE || this == ERROR || this == INTERRUPTED;
  }
}
