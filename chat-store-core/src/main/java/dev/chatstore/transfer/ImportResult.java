package dev.chatstore.transfer;

import dev.chatstore.ChatSession;
import dev.chatstore.spi.Checks;

/** What an import made: the session as stored, how many messages it holds, and whether it replaced one. */
public record ImportResult(ChatSession session, long messagesImported, boolean replaced) {
  public ImportResult {
    Checks.notNull(session, "session");
    Checks.notNegative(messagesImported, "messagesImported");
  }
}
