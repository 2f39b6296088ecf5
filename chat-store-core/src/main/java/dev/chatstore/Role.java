package dev.chatstore;

/** Who speaks in a message. */
public enum Role {
  USER,
  ASSISTANT,
  SYSTEM,
  /** The result of a tool call, carried in {@link Message#toolResult()}. */
  TOOL
}
