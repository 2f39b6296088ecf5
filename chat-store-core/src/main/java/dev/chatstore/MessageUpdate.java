package dev.chatstore;

import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.spi.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A change to a stored message: a final status, replaced metadata, and/or a new revision of its
 * parts. Replacing the parts (an edit) is for a COMPLETE message only and keeps every earlier
 * revision readable ({@link SessionStore#messageRevisions}); tool calls, tool results, attributes
 * and name stay as they are. To branch a conversation, fork the session instead.
 *
 * <p>{@code author} (who made the edit) and {@code revisedAt} (when; the store's clock if empty, set
 * by an import to keep the original time) go with {@code parts} only. A status goes in an update of
 * its own, not with parts.
 */
public record MessageUpdate(Optional<MessageStatus> status, Optional<MessageMetadata> metadata,
    Optional<List<Part>> parts, Optional<String> author, Optional<Instant> revisedAt) {
  /** Longest author name, in chars, as a participant name. */
  public static final int MAX_AUTHOR_LENGTH = 256;

  public MessageUpdate {
    Checks.notNull(status, "status");
    Checks.notNull(metadata, "metadata");
    Checks.notNull(parts, "parts");
    Checks.notNull(author, "author");
    Checks.notNull(revisedAt, "revisedAt");
    if (status.isPresent() && !status.get().isFinal()) {
      throw new InvalidInputException("status", "may only be set to COMPLETE, ERROR or INTERRUPTED, not "
          + status.get());
    }
    parts = parts.map(p -> Checks.list(p, "parts"));
    author.ifPresent(a -> Checks.notBlank(a, "author", MAX_AUTHOR_LENGTH));
    if (status.isEmpty() && metadata.isEmpty() && parts.isEmpty()) {
      throw new InvalidInputException("update", "must change the status, the metadata or the parts");
    }
    if (status.isPresent() && parts.isPresent()) {
      throw new InvalidInputException("update",
          "replaces the parts of a COMPLETE message: set a status in an update of its own");
    }
    if (parts.isEmpty() && (author.isPresent() || revisedAt.isPresent())) {
      throw new InvalidInputException(author.isPresent() ? "author" : "revisedAt", "goes with new parts only");
    }
  }

  /** A status and/or metadata change. */
  public MessageUpdate(Optional<MessageStatus> status, Optional<MessageMetadata> metadata) {
    this(status, metadata, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static MessageUpdate status(MessageStatus status) {
    return new MessageUpdate(Optional.of(Checks.notNull(status, "status")), Optional.empty());
  }

  public static MessageUpdate metadata(MessageMetadata metadata) {
    return new MessageUpdate(Optional.empty(), Optional.of(Checks.notNull(metadata, "metadata")));
  }

  /** A new revision of a COMPLETE message's parts. */
  public static MessageUpdate parts(List<Part> parts) {
    return new MessageUpdate(Optional.empty(), Optional.empty(), Optional.of(Checks.notNull(parts, "parts")),
        Optional.empty(), Optional.empty());
  }

  /** A new revision of a COMPLETE message that is {@code text} alone (no parts for empty text). */
  public static MessageUpdate content(String text) {
    Checks.notNull(text, "content");
    return parts(text.isEmpty() ? List.of() : List.of(new TextPart(text)));
  }

  public MessageUpdate withMetadata(MessageMetadata newMetadata) {
    return new MessageUpdate(status, Optional.of(Checks.notNull(newMetadata, "metadata")), parts, author, revisedAt);
  }

  /** This edit, made by {@code author} (kept with the revision). */
  public MessageUpdate by(String author) {
    return new MessageUpdate(status, metadata, parts, Optional.of(Checks.notNull(author, "author")), revisedAt);
  }

  /** This edit, made at {@code time} rather than now (an import keeps each revision's time). */
  public MessageUpdate at(Instant time) {
    return new MessageUpdate(status, metadata, parts, author, Optional.of(Checks.notNull(time, "revisedAt")));
  }
}
