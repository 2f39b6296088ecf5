package dev.chatstore.spi;

import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageUpdate;
import dev.chatstore.Part;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rule of edits with history, for every backend: which message may be revised, what the revised
 * message is, which revisions to store, and a message's history from them. A backend stores nothing
 * for a message never revised; at its first revision it stores revision 1 (the message as it was)
 * and revision 2, then one per revision, so a history costs nothing until there is one. Stateless.
 */
public final class Revisions {
  private Revisions() {}

  /** Throws {@link ConflictException} ({@code NOT_COMPLETE}) unless {@code m} may be revised. */
  public static void checkRevisable(Message m) {
    if (m.status() != MessageStatus.COMPLETE) {
      throw new ConflictException(ConflictException.Reason.NOT_COMPLETE, "message " + m.id() + " of session "
          + m.sessionId() + " is " + m.status() + ": only a COMPLETE message's parts can be revised");
    }
  }

  /**
   * {@code m} revised by {@code update} (which holds parts), with {@code metadata} if the update
   * replaces it (as stored): the new parts, the next revision number, updated at the revision's time.
   */
  public static Message revised(Message m, MessageUpdate update, Optional<MessageMetadata> metadata, Instant now) {
    List<Part> parts = update.parts().orElseThrow();
    Instant at = at(update, now);
    return new Message(m.id(), m.sessionId(), m.seq(), m.role(), parts, m.status(), m.toolCalls(), m.toolResults(),
        metadata.orElse(m.metadata()), m.attributesJson(), m.name(), m.createdAt(), at, m.revision() + 1);
  }

  /**
   * What a backend stores when {@code before} becomes {@code after}: revision 1 (before as it was,
   * at its creation) too if this is its first revision, then after's revision.
   */
  public static List<MessageRevision> toStore(Message before, Message after, MessageUpdate update) {
    MessageRevision added = revision(after, update);
    if (before.revision() > 1) {
      return List.of(added);
    }
    return List.of(new MessageRevision(1, before.parts(), Optional.empty(), before.createdAt()), added);
  }

  /**
   * The revision {@code after} (from {@link #revised}) is: its number, parts, the update's author and
   * its time. What a backend that already holds revision 1 as the message itself stores.
   */
  public static MessageRevision revision(Message after, MessageUpdate update) {
    return new MessageRevision(after.revision(), after.parts(), update.author(), after.updatedAt());
  }

  /** A message's history from what its backend stored for it (nothing if never revised), oldest first. */
  public static List<MessageRevision> history(Message m, List<MessageRevision> stored) {
    if (stored.isEmpty()) {
      return List.of(new MessageRevision(1, m.parts(), Optional.empty(), m.createdAt()));
    }
    return List.copyOf(stored);
  }

  /** When a revision is made: the update's time (an import's), else now; stored to the microsecond. */
  private static Instant at(MessageUpdate update, Instant now) {
    return update.revisedAt().map(Times::micros).orElse(now);
  }
}
