package dev.chatstore;

/**
 * An argument was refused before anything was written: null, blank, too large, malformed JSON, an
 * id of the wrong shape. Names the field (a path such as {@code metadata.references[2].id}) and why.
 */
public final class InvalidInputException extends ChatStoreException {
  private static final long serialVersionUID = 1L;
  private final String field;
  private final String reason;

  public InvalidInputException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  public InvalidInputException(String field, String reason, Throwable cause) {
    super(field + ": " + reason, cause);
    this.field = field;
    this.reason = reason;
  }

  /** The offending field or argument, as a path from the argument's root. */
  public String field() {
    return field;
  }

  /** What is wrong with it, including the limit where one was exceeded. */
  public String reason() {
    return reason;
  }
}
