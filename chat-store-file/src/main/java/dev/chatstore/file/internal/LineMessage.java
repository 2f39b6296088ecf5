package dev.chatstore.file.internal;

import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.spi.MessageBody;
import java.time.Instant;
import java.util.List;

/**
 * A message as a line of a session file holds it ({@code message.appended}, {@code stream.begun}, or
 * the fold of a message's lines): its body (parts, attributes, name: plain text for most messages),
 * metadata still encoded, no session id.
 */
record LineMessage(
    String id,
    long seq,
    Role role,
    MessageBody body,
    MessageStatus status,
    List<ToolCall> toolCalls,
    List<ToolResult> toolResults,
    String metadataJson,
    Instant createdAt,
    Instant updatedAt) {

  /** {@code m} as a line holds it, with its metadata already encoded as {@code metadataJson}. */
  static LineMessage of(Message m, String metadataJson) {
    return new LineMessage(m.id(), m.seq(), m.role(), MessageBody.of(m), m.status(), m.toolCalls(), m.toolResults(),
        metadataJson, m.createdAt(), m.updatedAt());
  }

  /** A streamed message as its {@code stream.begun} line holds it: PENDING, nothing said yet. */
  static LineMessage pending(String id, long seq, Role role, String metadataJson, Instant at) {
    return new LineMessage(id, seq, role, MessageBody.plain(""), MessageStatus.PENDING, List.of(), List.of(),
        metadataJson, at, at);
  }

  /** The text parts joined: what the line's {@code content} holds. */
  String content() {
    return body.content();
  }

  Message toMessage(String sessionId, MessageMetadata metadata) {
    return toMessage(sessionId, metadata, 1);
  }

  /** The message at {@code revision}, which the fold of its lines counted (a line holds none). */
  Message toMessage(String sessionId, MessageMetadata metadata, int revision) {
    return new Message(id, sessionId, seq, role, body.parts(), status, toolCalls, toolResults, metadata,
        body.attributesJson(), body.name(), createdAt, updatedAt, revision);
  }
}
