package dev.chatstore.spi;

/**
 * Where a sealed value belongs: its session, its message (empty for a session's own fields) and the
 * field, named by the backend ({@code "title"}, {@code "body"}, {@code "chunk.3.text"}). A
 * {@link FieldCipher} binds a value to its scope, so a value moved to another row or field does not
 * open.
 *
 * @param sessionId the session the value is part of
 * @param messageId the message, or the empty string for a session field
 * @param field the field within the row, as the backend names it
 */
public record CipherScope(String sessionId, String messageId, String field) {
  public CipherScope {
    Checks.notNull(sessionId, "sessionId");
    Checks.notNull(messageId, "messageId");
    Checks.notNull(field, "field");
  }

  /** A field of the session row itself (title, metadata, state, preview …). */
  public static CipherScope session(String sessionId, String field) {
    return new CipherScope(sessionId, "", field);
  }

  /** A field of a message (or of a row that belongs to one: a chunk, a revision). */
  public static CipherScope message(String sessionId, String messageId, String field) {
    return new CipherScope(sessionId, messageId, field);
  }

  /** Names the value in an error: session, message and field. */
  public String location() {
    return "session " + sessionId + (messageId.isEmpty() ? "" : " message " + messageId) + " field " + field;
  }
}
