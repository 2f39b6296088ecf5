package dev.chatstore.internal.transfer;

import dev.chatstore.ChatSession;
import dev.chatstore.CorruptDataException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.Page;
import dev.chatstore.SessionStore;
import java.util.function.Consumer;

/**
 * Reads a session's messages page by page in conversation order, never holding more than a page:
 * how an export of a million messages runs in constant memory. Stops at the message count the
 * session had when it was read, so an export is a consistent snapshot even while a chat goes on.
 */
public final class MessagePages {
  private MessagePages() {}

  /** Calls {@code action} for messages 1..{@code session.messageCount()}; returns how many there were. */
  public static long forEach(SessionStore store, ChatSession session, int pageSize, Consumer<Message> action) {
    long last = session.messageCount();
    long seen = 0;
    long afterSeq = 0;
    while (seen < last) {
      Page<Message> page = store.messages(session.id(), MessageQuery.afterSeq(afterSeq, pageSize));
      if (page.items().isEmpty()) {
        break;
      }
      for (Message m : page.items()) {
        if (m.seq() > last) {
          return seen;
        }
        action.accept(m);
        seen++;
        afterSeq = m.seq();
      }
    }
    if (seen != last) {
      throw new CorruptDataException("session " + session.id(),
          "it counts " + last + " messages but only " + seen + " could be read");
    }
    return seen;
  }
}
