package dev.chatstore;

import dev.chatstore.spi.Checks;

/** Where a forked session was branched from: the source session and the last message copied. */
public record ForkOrigin(String sessionId, String messageId) {
  public ForkOrigin {
    Checks.id(sessionId, "forkedFrom.sessionId");
    Checks.id(messageId, "forkedFrom.messageId");
  }
}
