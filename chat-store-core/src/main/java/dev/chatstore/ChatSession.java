package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Json;
import dev.chatstore.metadata.ChatMetadata;
import java.time.Instant;
import java.util.Optional;

/**
 * One conversation and what belongs to it besides its messages, as stored.
 *
 * <p>{@code state} is a JSON document the host keeps as its working memory for the chat.
 * {@code version} increases on every change to title, metadata, state or deletion, and is what
 * {@link SessionStore#updateSession} checks; appending messages changes {@code messageCount} and
 * {@code updatedAt} but not the version, so a host saving state is not disturbed by a reply
 * streaming into the same session. {@code key} is the host's own name for the conversation, if it
 * gave one at create (see {@link NewSession}).
 */
public record ChatSession(
    String id,
    String ownerId,
    Optional<String> projectId,
    String title,
    ChatMetadata metadata,
    String stateJson,
    Instant createdAt,
    Instant updatedAt,
    long messageCount,
    long version,
    Optional<Instant> deletedAt,
    Optional<ForkOrigin> forkedFrom,
    Optional<String> key) {

  public ChatSession {
    Checks.id(id, "id");
    Checks.ownerId(ownerId, "ownerId");
    Checks.notNull(projectId, "projectId");
    Checks.notNull(title, "title");
    Checks.notNull(metadata, "metadata");
    stateJson = Json.canonical(stateJson, "stateJson");
    Checks.notNull(createdAt, "createdAt");
    Checks.notNull(updatedAt, "updatedAt");
    Checks.notNegative(messageCount, "messageCount");
    Checks.notNegative(version, "version");
    Checks.notNull(deletedAt, "deletedAt");
    Checks.notNull(forkedFrom, "forkedFrom");
    Checks.notNull(key, "key");
  }

  /** True when the session is soft-deleted (restorable until purged). */
  public boolean isDeleted() {
    return deletedAt.isPresent();
  }
}
