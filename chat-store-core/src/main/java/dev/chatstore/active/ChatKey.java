package dev.chatstore.active;

import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Ids;

/**
 * Names an open chat: a stored session by its id, or a draft (a chat being composed that has no
 * session yet) by a key made for it. Drafts become session keys when promoted.
 *
 * @throws dev.chatstore.InvalidInputException from the factories for an id of the wrong shape
 */
public record ChatKey(Kind kind, String id) {
  /** Whether the key names a stored session or a draft. */
  public enum Kind {
    SESSION,
    DRAFT
  }

  public ChatKey {
    Checks.notNull(kind, "kind");
    Checks.id(id, kind == Kind.SESSION ? "sessionId" : "draftId");
  }

  /** The key of a stored session. */
  public static ChatKey session(String sessionId) {
    return new ChatKey(Kind.SESSION, sessionId);
  }

  /** A fresh draft key, unique in this JVM and time-ordered. */
  public static ChatKey newDraft() {
    return new ChatKey(Kind.DRAFT, Ids.next());
  }

  /** The draft key with this id, e.g. one the host kept in its UI state. */
  public static ChatKey draft(String draftId) {
    return new ChatKey(Kind.DRAFT, draftId);
  }

  public boolean isDraft() {
    return kind == Kind.DRAFT;
  }

  @Override
  public String toString() {
    return (isDraft() ? "draft:" : "session:") + id;
  }
}
