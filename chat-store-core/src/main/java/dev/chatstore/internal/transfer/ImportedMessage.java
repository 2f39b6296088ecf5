package dev.chatstore.internal.transfer;

import dev.chatstore.MessageRevision;
import dev.chatstore.MessageStatus;
import dev.chatstore.NewMessage;
import java.util.List;
import java.util.Optional;

/**
 * A message of an export as read: what to append (a revised message as its first revision, COMPLETE),
 * the revisions to apply after it, in order (none for a message never revised), and the final status
 * to give it after them when that is not COMPLETE (it was revised while COMPLETE and ended otherwise).
 */
public record ImportedMessage(NewMessage message, List<MessageRevision> laterRevisions,
    Optional<MessageStatus> statusAfter) {
  public ImportedMessage {
    laterRevisions = List.copyOf(laterRevisions);
  }
}
