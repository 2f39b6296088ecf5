package dev.chatstore;

/** No message has the given id in the given session. */
public final class MessageNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;
  private final String sessionId;

  public MessageNotFoundException(String sessionId, String messageId) {
    super("message not found: " + messageId + " in session " + sessionId, messageId);
    this.sessionId = sessionId;
  }

  /** The session the message was looked up in. */
  public String sessionId() {
    return sessionId;
  }
}
