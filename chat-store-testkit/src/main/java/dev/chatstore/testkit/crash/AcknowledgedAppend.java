package dev.chatstore.testkit.crash;

/** A message the child's store acknowledged: {@code append} or {@code appendAll} returned it. */
public record AcknowledgedAppend(long seq, String messageId) {}
