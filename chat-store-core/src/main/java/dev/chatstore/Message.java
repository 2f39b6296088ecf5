package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.spi.MessageBody;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One message of a conversation as stored. {@code seq} is assigned by the store, strictly
 * increasing and gap-free within a session, and is the only order of the conversation.
 * {@code id} is a time-ordered UUID known before the message was written.
 *
 * <p>What was said is {@link #parts()}, in order; {@link #content()} is its text parts joined.
 * {@code attributesJson} is the host's own JSON object for the message ({@code {}} if none), kept
 * exactly; {@code name} the participant's name, if the host gave one. {@code revision} counts the
 * versions of its parts: 1 as appended or streamed, one more for each replacement by
 * {@link SessionStore#updateMessage} (earlier ones in {@link SessionStore#messageRevisions}).
 */
public record Message(
    String id,
    String sessionId,
    long seq,
    Role role,
    List<Part> parts,
    MessageStatus status,
    List<ToolCall> toolCalls,
    List<ToolResult> toolResults,
    MessageMetadata metadata,
    String attributesJson,
    Optional<String> name,
    Instant createdAt,
    Instant updatedAt,
    int revision) {

  public Message {
    Checks.id(id, "id");
    Checks.id(sessionId, "sessionId");
    if (seq < 1) {
      throw new InvalidInputException("seq", "must be at least 1, was " + seq);
    }
    Checks.notNull(role, "role");
    parts = Checks.list(parts, "parts");
    Checks.notNull(status, "status");
    toolCalls = Checks.list(toolCalls, "toolCalls");
    toolResults = Checks.list(toolResults, "toolResults");
    Checks.notNull(metadata, "metadata");
    Checks.notNull(attributesJson, "attributesJson");
    Checks.notNull(name, "name");
    Checks.notNull(createdAt, "createdAt");
    Checks.notNull(updatedAt, "updatedAt");
    Checks.positive(revision, "revision");
  }

  /** A message never revised: revision 1. */
  public Message(String id, String sessionId, long seq, Role role, List<Part> parts, MessageStatus status,
      List<ToolCall> toolCalls, List<ToolResult> toolResults, MessageMetadata metadata, String attributesJson,
      Optional<String> name, Instant createdAt, Instant updatedAt) {
    this(id, sessionId, seq, role, parts, status, toolCalls, toolResults, metadata, attributesJson, name, createdAt,
        updatedAt, 1);
  }

  /** The text parts joined: what the message says, without reasoning or media. */
  public String content() {
    return MessageBody.text(parts);
  }

  /** The first of {@link #toolResults()}: a TOOL message's result when it carries one. */
  public Optional<ToolResult> toolResult() {
    return toolResults.isEmpty() ? Optional.empty() : Optional.of(toolResults.get(0));
  }
}
