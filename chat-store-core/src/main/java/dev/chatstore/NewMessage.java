package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Ids;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A message to append. Its id is made when it is built, so the host knows it before anything is
 * written. Only ASSISTANT messages carry tool calls; a TOOL message carries exactly one tool result.
 * Appended messages are final: COMPLETE by default, or ERROR / INTERRUPTED when importing history;
 * PENDING and STREAMING belong to {@link SessionStore#openStream}. {@code createdAt} is set by the
 * store unless given (imports keep theirs).
 */
public record NewMessage(
    String id,
    Role role,
    String content,
    MessageStatus status,
    List<ToolCall> toolCalls,
    Optional<ToolResult> toolResult,
    MessageMetadata metadata,
    Optional<Instant> createdAt) {

  public NewMessage {
    Checks.id(id, "id");
    Checks.notNull(role, "role");
    Checks.notNull(content, "content");
    Checks.notNull(status, "status");
    if (!status.isFinal()) {
      throw new InvalidInputException("status", "an appended message must be COMPLETE, ERROR or INTERRUPTED, was "
          + status + " (stream it with openStream instead)");
    }
    toolCalls = Checks.list(toolCalls, "toolCalls");
    Checks.notNull(toolResult, "toolResult");
    Checks.notNull(metadata, "metadata");
    Checks.notNull(createdAt, "createdAt");
    if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
      throw new InvalidInputException("toolCalls", "only ASSISTANT messages carry tool calls, not " + role);
    }
    if (role == Role.TOOL && toolResult.isEmpty()) {
      throw new InvalidInputException("toolResult", "a TOOL message must carry a tool result");
    }
    if (role != Role.TOOL && toolResult.isPresent()) {
      throw new InvalidInputException("toolResult", "only TOOL messages carry a tool result, not " + role);
    }
  }

  public static NewMessage user(String content) {
    return builder(Role.USER).content(content).build();
  }

  public static NewMessage assistant(String content) {
    return builder(Role.ASSISTANT).content(content).build();
  }

  public static NewMessage system(String content) {
    return builder(Role.SYSTEM).content(content).build();
  }

  /** A TOOL message answering a call. */
  public static NewMessage tool(ToolResult result) {
    return builder(Role.TOOL).toolResult(result).build();
  }

  public static Builder builder(Role role) {
    return new Builder(Checks.notNull(role, "role"));
  }

  /** A builder starting from this message's fields. */
  public Builder toBuilder() {
    Builder b = new Builder(role);
    b.id = id;
    b.content = content;
    b.status = status;
    b.toolCalls = new ArrayList<>(toolCalls);
    b.toolResult = toolResult;
    b.metadata = metadata;
    b.createdAt = createdAt;
    return b;
  }

  /** Builds a {@link NewMessage} with a fresh time-ordered id unless one is set. */
  public static final class Builder {
    private final Role role;
    private String id = Ids.next();
    private String content = "";
    private MessageStatus status = MessageStatus.COMPLETE;
    private List<ToolCall> toolCalls = new ArrayList<>();
    private Optional<ToolResult> toolResult = Optional.empty();
    private MessageMetadata metadata = MessageMetadata.empty();
    private Optional<Instant> createdAt = Optional.empty();

    private Builder(Role role) {
      this.role = role;
    }

    public Builder id(String id) {
      this.id = Checks.id(id, "id");
      return this;
    }

    public Builder content(String content) {
      this.content = Checks.notNull(content, "content");
      return this;
    }

    public Builder status(MessageStatus status) {
      this.status = Checks.notNull(status, "status");
      return this;
    }

    public Builder toolCall(ToolCall call) {
      toolCalls.add(Checks.notNull(call, "toolCall"));
      return this;
    }

    public Builder toolCalls(List<ToolCall> calls) {
      this.toolCalls = new ArrayList<>(Checks.list(calls, "toolCalls"));
      return this;
    }

    public Builder toolResult(ToolResult result) {
      this.toolResult = Optional.of(Checks.notNull(result, "toolResult"));
      return this;
    }

    public Builder metadata(MessageMetadata metadata) {
      this.metadata = Checks.notNull(metadata, "metadata");
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = Optional.of(Checks.notNull(createdAt, "createdAt"));
      return this;
    }

    public NewMessage build() {
      return new NewMessage(id, role, content, status, toolCalls, toolResult, metadata, createdAt);
    }
  }
}
