package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.metadata.MessageMetadata;
import java.util.Optional;

/**
 * A change to a stored message: a final status and/or replaced metadata. Content is never edited in
 * place; fork the session to branch a conversation instead.
 */
public record MessageUpdate(Optional<MessageStatus> status, Optional<MessageMetadata> metadata) {
  public MessageUpdate {
    Checks.notNull(status, "status");
    Checks.notNull(metadata, "metadata");
    if (status.isPresent() && !status.get().isFinal()) {
      throw new InvalidInputException("status", "may only be set to COMPLETE, ERROR or INTERRUPTED, not "
          + status.get());
    }
    if (status.isEmpty() && metadata.isEmpty()) {
      throw new InvalidInputException("update", "must change the status or the metadata");
    }
  }

  public static MessageUpdate status(MessageStatus status) {
    return new MessageUpdate(Optional.of(Checks.notNull(status, "status")), Optional.empty());
  }

  public static MessageUpdate metadata(MessageMetadata metadata) {
    return new MessageUpdate(Optional.empty(), Optional.of(Checks.notNull(metadata, "metadata")));
  }

  public MessageUpdate withMetadata(MessageMetadata newMetadata) {
    return new MessageUpdate(status, Optional.of(Checks.notNull(newMetadata, "metadata")));
  }
}
