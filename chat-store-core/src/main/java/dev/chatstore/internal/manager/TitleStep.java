package dev.chatstore.internal.manager;

import dev.chatstore.ChatSession;
import dev.chatstore.ChatStoreException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionUpdate;
import dev.chatstore.manager.TitleGenerator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives an untitled session the title generated from its first user message. Best-effort: the
 * message is already stored, so a failure here is logged and the session stays untitled until the
 * next user message tries again. A title set meanwhile (a rename) is never overwritten.
 */
public final class TitleStep {
  private static final Logger LOG = LoggerFactory.getLogger(TitleStep.class);
  /** How far into the conversation to look for the first user message. */
  static final int SCAN = 100;

  private TitleStep() {}

  public static ChatSession afterUserMessage(SessionStore store, ChatSession session, TitleGenerator titles,
      Message appended) {
    if (!session.title().isBlank()) {
      return session;
    }
    try {
      Optional<String> title = firstTitle(store, session.id(), titles, appended);
      if (title.isEmpty()) {
        return session;
      }
      return VersionedUpdates.apply(store, session, fresh -> fresh.title().isBlank()
          ? Optional.of(SessionUpdate.title(title.get()))
          : Optional.empty());
    } catch (ChatStoreException e) {
      LOG.warn("could not title session {} from its first user message", session.id(), e);
      return session;
    }
  }

  // The first user message that yields a title: normally the one just appended, but messages
  // appended around the manager may have come first.
  private static Optional<String> firstTitle(SessionStore store, String sessionId, TitleGenerator titles,
      Message appended) {
    boolean sawAppended = false;
    for (Message m : store.messages(sessionId, MessageQuery.earliest(SCAN)).items()) {
      sawAppended |= m.id().equals(appended.id());
      if (m.role() == Role.USER) {
        Optional<String> title = generate(titles, m.content());
        if (title.isPresent()) {
          return title;
        }
      }
    }
    return sawAppended ? Optional.empty() : generate(titles, appended.content());
  }

  private static Optional<String> generate(TitleGenerator titles, String text) {
    String title;
    try {
      title = titles.title(text);
    } catch (RuntimeException e) { // host code; the title is a nicety, the message is stored
      LOG.warn("the title generator failed", e);
      return Optional.empty();
    }
    return title == null || title.isBlank() ? Optional.empty() : Optional.of(title);
  }
}
