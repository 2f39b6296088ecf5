package dev.chatstore.file.internal;

import dev.chatstore.NewMessage;
import dev.chatstore.spi.MessageBody;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message as a line of a session file holds it ({@code message.appended}, {@code stream.begun}, or
 * the fold of a message's lines): metadata still encoded, no session id.
 */
record LineMessage(
    String id,
    long seq,
    Role role,
    String content,
    MessageStatus status,
    List<ToolCall> toolCalls,
    Optional<ToolResult> toolResult,
    String metadataJson,
    Instant createdAt,
    Instant updatedAt) {

  /** {@code m} as a line holds it, with its metadata already encoded as {@code metadataJson}. */
  static LineMessage of(Message m, String metadataJson) {
    return new LineMessage(m.id(), m.seq(), m.role(), m.content(), m.status(), m.toolCalls(), m.toolResult(),
        metadataJson, m.createdAt(), m.updatedAt());
  }

  Message toMessage(String sessionId, MessageMetadata metadata) {
    return new Message(id, sessionId, seq, role, MessageBody.plain(content).parts(), status, toolCalls, toolResult.stream().toList(), metadata, NewMessage.NO_ATTRIBUTES, Optional.empty(), createdAt, updatedAt);
  }
}
