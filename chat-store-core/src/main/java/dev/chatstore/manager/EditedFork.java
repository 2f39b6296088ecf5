package dev.chatstore.manager;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.spi.Checks;

/**
 * What "edit and resend" made: the new session (a fork holding the conversation before the edited
 * message) and the edited message appended to it, ready for a reply to be streamed after it.
 */
public record EditedFork(ChatSession session, Message message) {
  public EditedFork {
    Checks.notNull(session, "session");
    Checks.notNull(message, "message");
  }
}
