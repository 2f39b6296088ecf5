package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.spi.MessageBody;
import dev.chatstore.spi.Ids;
import dev.chatstore.spi.Json;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A message to append. Its id is made when it is built, so the host knows it before anything is
 * written. What it says is its {@link Part parts} in order (a plain text message is one text part).
 * Only ASSISTANT messages carry tool calls; a TOOL message carries one or more tool results, and only
 * it. Appended messages are final: COMPLETE by default, or ERROR / INTERRUPTED when importing history;
 * PENDING and STREAMING belong to {@link SessionStore#openStream}. {@code attributesJson} is a JSON
 * object of the host's own (kept exactly, canonical form); {@code name} an optional participant name.
 * {@code createdAt} is set by the store unless given (imports keep theirs).
 */
public record NewMessage(
    String id,
    Role role,
    List<Part> parts,
    MessageStatus status,
    List<ToolCall> toolCalls,
    List<ToolResult> toolResults,
    MessageMetadata metadata,
    String attributesJson,
    Optional<String> name,
    Optional<Instant> createdAt) {

  /** Longest participant name accepted. */
  public static final int MAX_NAME_LENGTH = 256;
  /** The attributes of a message that has none. */
  public static final String NO_ATTRIBUTES = "{}";

  public NewMessage {
    Checks.id(id, "id");
    Checks.notNull(role, "role");
    parts = Checks.list(parts, "parts");
    Checks.notNull(status, "status");
    if (!status.isFinal()) {
      throw new InvalidInputException("status", "an appended message must be COMPLETE, ERROR or INTERRUPTED, was "
          + status + " (stream it with openStream instead)");
    }
    toolCalls = Checks.list(toolCalls, "toolCalls");
    toolResults = Checks.list(toolResults, "toolResults");
    Checks.notNull(metadata, "metadata");
    attributesJson = attributes(attributesJson);
    Checks.notNull(name, "name");
    name.ifPresent(NewMessage::name);
    Checks.notNull(createdAt, "createdAt");
    if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
      throw new InvalidInputException("toolCalls", "only ASSISTANT messages carry tool calls, not " + role);
    }
    if (role == Role.TOOL && toolResults.isEmpty()) {
      throw new InvalidInputException("toolResults", "a TOOL message must carry a tool result");
    }
    if (role != Role.TOOL && !toolResults.isEmpty()) {
      throw new InvalidInputException("toolResults", "only TOOL messages carry tool results, not " + role);
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

  /** A TOOL message answering several calls at once, as a model's parallel tool calls are. */
  public static NewMessage tool(List<ToolResult> results) {
    return builder(Role.TOOL).toolResults(results).build();
  }

  public static Builder builder(Role role) {
    return new Builder(Checks.notNull(role, "role"));
  }

  /** The text parts joined, as {@link Message#content()}. */
  public String content() {
    return MessageBody.text(parts);
  }

  /** A builder starting from this message's fields. */
  public Builder toBuilder() {
    Builder b = new Builder(role);
    b.id = id;
    b.parts = new ArrayList<>(parts);
    b.status = status;
    b.toolCalls = new ArrayList<>(toolCalls);
    b.toolResults = new ArrayList<>(toolResults);
    b.metadata = metadata;
    b.attributesJson = attributesJson;
    b.name = name;
    b.createdAt = createdAt;
    return b;
  }

  private static String attributes(String json) {
    if (NO_ATTRIBUTES.equals(json)) {
      return NO_ATTRIBUTES; // the common case costs no parse on every message built
    }
    String canonical = Json.canonical(Checks.notNull(json, "attributesJson"), "attributesJson");
    if (!canonical.startsWith("{")) {
      throw new InvalidInputException("attributesJson", "must be a JSON object");
    }
    return canonical;
  }

  private static void name(String name) {
    Checks.wellFormed(Checks.notBlank(name, "name", MAX_NAME_LENGTH), "name");
  }

  /** Builds a {@link NewMessage} with a fresh time-ordered id unless one is set. */
  public static final class Builder {
    private final Role role;
    private String id = Ids.next();
    private List<Part> parts = new ArrayList<>();
    private MessageStatus status = MessageStatus.COMPLETE;
    private List<ToolCall> toolCalls = new ArrayList<>();
    private List<ToolResult> toolResults = new ArrayList<>();
    private MessageMetadata metadata = MessageMetadata.empty();
    private String attributesJson = NO_ATTRIBUTES;
    private Optional<String> name = Optional.empty();
    private Optional<Instant> createdAt = Optional.empty();

    private Builder(Role role) {
      this.role = role;
    }

    public Builder id(String id) {
      this.id = Checks.id(id, "id");
      return this;
    }

    /**
     * The message's text as one text part (none for empty text), in the place of the text parts set
     * before, or after the parts set so far if there were none: parts keep the order the builder was
     * called in, so {@code part(reasoning).content(answer)} puts the reasoning first. Parts other than
     * text are kept.
     */
    public Builder content(String content) {
      Checks.notNull(content, "content");
      int at = parts.size();
      for (int i = 0; i < parts.size(); i++) {
        if (parts.get(i) instanceof TextPart) {
          at = i;
          break;
        }
      }
      parts.removeIf(p -> p instanceof TextPart);
      if (!content.isEmpty()) {
        parts.add(Math.min(at, parts.size()), new TextPart(content));
      }
      return this;
    }

    /** Adds a part after those set before. */
    public Builder part(Part part) {
      parts.add(Checks.notNull(part, "part"));
      return this;
    }

    /** The message's parts, in order, in place of those set before. */
    public Builder parts(List<Part> parts) {
      this.parts = new ArrayList<>(Checks.list(parts, "parts"));
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

    /** Adds a tool result after those set before. */
    public Builder toolResult(ToolResult result) {
      toolResults.add(Checks.notNull(result, "toolResult"));
      return this;
    }

    /** The message's tool results, in place of those set before. */
    public Builder toolResults(List<ToolResult> results) {
      this.toolResults = new ArrayList<>(Checks.list(results, "toolResults"));
      return this;
    }

    public Builder metadata(MessageMetadata metadata) {
      this.metadata = Checks.notNull(metadata, "metadata");
      return this;
    }

    /** The host's own attributes: a JSON object, kept exactly (canonical form). */
    public Builder attributes(String attributesJson) {
      this.attributesJson = Checks.notNull(attributesJson, "attributesJson");
      return this;
    }

    /** The participant's name (a user's or an agent's), as OpenAI's {@code name} or LangChain4j's user name. */
    public Builder name(String name) {
      this.name = Optional.of(Checks.notNull(name, "name"));
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = Optional.of(Checks.notNull(createdAt, "createdAt"));
      return this;
    }

    public NewMessage build() {
      return new NewMessage(id, role, parts, status, toolCalls, toolResults, metadata, attributesJson, name, createdAt);
    }
  }
}
