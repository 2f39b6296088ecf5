package dev.chatstore.file.internal;

import dev.chatstore.SessionSummary;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One session as the index file and the listing see it, without opening its file; {@code key} is its
 * conversation key, which the store's key index is filled from on open. {@code unfinished}
 * counts messages still PENDING or STREAMING (what recovery must look at); {@code fileSize} is how
 * much of the session file this summary describes, which tells a stale entry after a crash;
 * {@code keyIds} the key ids its lines are sealed with ({@link LineCipher#CLEAR} for lines in clear),
 * which tells a key rotation whether the file needs it without opening the file.
 */
record Summary(
    String id,
    String owner,
    Optional<String> project,
    String title,
    Instant createdAt,
    Instant updatedAt,
    long messageCount,
    String preview,
    Optional<Instant> deletedAt,
    Optional<String> key,
    long unfinished,
    long fileSize,
    Set<String> keyIds) {

  Summary {
    keyIds = Set.copyOf(keyIds);
  }

  SessionSummary toApi() {
    return new SessionSummary(id, owner, project, title, createdAt, updatedAt, messageCount, preview, deletedAt,
        key);
  }

  /** The key as the store's key index holds it, if the session has one. */
  Optional<OwnerKey> ownerKey() {
    return key.map(k -> new OwnerKey(owner, k));
  }

  boolean isDeleted() {
    return deletedAt.isPresent();
  }
}
