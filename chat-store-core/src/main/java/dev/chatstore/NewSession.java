package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Json;
import dev.chatstore.metadata.ChatMetadata;
import java.util.Optional;

/**
 * What to create a session from. Only the owner is required; the store assigns a time-ordered id
 * unless one is given (imports keep theirs). A {@code key} is the host's own name for the
 * conversation (a framework's conversation id such as {@code "user-42:support"}): any text up to
 * {@value #MAX_KEY_LENGTH} characters, unique per owner, found again with
 * {@link SessionStore#findSessionByKey}. Build with {@link #forOwner(String)}.
 */
public record NewSession(
    Optional<String> id,
    String ownerId,
    Optional<String> projectId,
    String title,
    ChatMetadata metadata,
    String stateJson,
    Optional<String> key) {

  /** Longest conversation key accepted. */
  public static final int MAX_KEY_LENGTH = 256;

  public NewSession {
    Checks.notNull(id, "id").ifPresent(i -> Checks.id(i, "id"));
    Checks.ownerId(ownerId, "ownerId");
    Checks.notNull(projectId, "projectId").ifPresent(p -> Checks.ownerId(p, "projectId"));
    Checks.notNull(title, "title");
    Checks.notNull(metadata, "metadata");
    stateJson = Json.canonical(stateJson, "stateJson");
    Checks.notNull(key, "key").ifPresent(k -> key(k));
  }

  /** Checks a conversation key: not blank, at most {@value #MAX_KEY_LENGTH} chars, whole characters. */
  public static String key(String key) {
    return Checks.wellFormed(Checks.notBlank(key, "key", MAX_KEY_LENGTH), "key");
  }

  public static Builder forOwner(String ownerId) {
    return new Builder(Checks.ownerId(ownerId, "ownerId"));
  }

  /** Builds a {@link NewSession}; each setter validates its argument at once. */
  public static final class Builder {
    private final String ownerId;
    private Optional<String> id = Optional.empty();
    private Optional<String> projectId = Optional.empty();
    private String title = "";
    private ChatMetadata metadata = ChatMetadata.empty();
    private String stateJson = "{}";
    private Optional<String> key = Optional.empty();

    private Builder(String ownerId) {
      this.ownerId = ownerId;
    }

    /** Use this id instead of a generated one. */
    public Builder id(String id) {
      this.id = Optional.of(Checks.id(id, "id"));
      return this;
    }

    public Builder project(String projectId) {
      this.projectId = Optional.of(Checks.ownerId(projectId, "projectId"));
      return this;
    }

    /** The title; empty (the default) means none yet. */
    public Builder title(String title) {
      this.title = Checks.notNull(title, "title");
      return this;
    }

    public Builder metadata(ChatMetadata metadata) {
      this.metadata = Checks.notNull(metadata, "metadata");
      return this;
    }

    /** The host's working state for the chat, a JSON document; {@code {}} by default. */
    public Builder state(String stateJson) {
      this.stateJson = Json.canonical(stateJson, "stateJson");
      return this;
    }

    /** The host's own key for the conversation, unique per owner. */
    public Builder key(String key) {
      this.key = Optional.of(NewSession.key(key));
      return this;
    }

    public NewSession build() {
      return new NewSession(id, ownerId, projectId, title, metadata, stateJson, key);
    }
  }
}
