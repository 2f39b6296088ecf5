package dev.chatstore;

import dev.chatstore.spi.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * What a chat list shows for one session, read without loading its messages. {@code preview} is
 * the start of the most recent message's content (empty for a session without messages).
 * {@code key} is the session's conversation key, if it has one.
 */
public record SessionSummary(
    String id,
    String ownerId,
    Optional<String> projectId,
    String title,
    Instant createdAt,
    Instant updatedAt,
    long messageCount,
    String preview,
    Optional<Instant> deletedAt,
    Optional<String> key) {

  /** How many characters of the last message a preview keeps. */
  public static final int PREVIEW_LENGTH = 200;

  public SessionSummary {
    Checks.id(id, "id");
    Checks.ownerId(ownerId, "ownerId");
    Checks.notNull(projectId, "projectId");
    Checks.notNull(title, "title");
    Checks.notNull(createdAt, "createdAt");
    Checks.notNull(updatedAt, "updatedAt");
    Checks.notNegative(messageCount, "messageCount");
    Checks.notNull(preview, "preview");
    Checks.notNull(deletedAt, "deletedAt");
    Checks.notNull(key, "key");
  }
}
