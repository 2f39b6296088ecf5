package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One message of a conversation as stored. {@code seq} is assigned by the store, strictly
 * increasing and gap-free within a session, and is the only order of the conversation.
 * {@code id} is a time-ordered UUID known before the message was written.
 */
public record Message(
    String id,
    String sessionId,
    long seq,
    Role role,
    String content,
    MessageStatus status,
    List<ToolCall> toolCalls,
    Optional<ToolResult> toolResult,
    MessageMetadata metadata,
    Instant createdAt,
    Instant updatedAt) {

  public Message {
    Checks.id(id, "id");
    Checks.id(sessionId, "sessionId");
    if (seq < 1) {
      throw new InvalidInputException("seq", "must be at least 1, was " + seq);
    }
    Checks.notNull(role, "role");
    Checks.notNull(content, "content");
    Checks.notNull(status, "status");
    toolCalls = Checks.list(toolCalls, "toolCalls");
    Checks.notNull(toolResult, "toolResult");
    Checks.notNull(metadata, "metadata");
    Checks.notNull(createdAt, "createdAt");
    Checks.notNull(updatedAt, "updatedAt");
  }
}
