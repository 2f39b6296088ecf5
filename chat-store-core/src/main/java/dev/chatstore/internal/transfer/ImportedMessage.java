package dev.chatstore.internal.transfer;

import dev.chatstore.MessageRevision;
import dev.chatstore.NewMessage;
import java.util.List;

/**
 * A message of an export as read: what to append (a revised message as its first revision) and the
 * revisions to apply after it, in order (none for a message never revised).
 */
public record ImportedMessage(NewMessage message, List<MessageRevision> laterRevisions) {
  public ImportedMessage {
    laterRevisions = List.copyOf(laterRevisions);
  }
}
