package dev.chatstore;

/**
 * Stored data could not be read back: a damaged file line or a row that does not decode. Names where
 * (a file and line, or a table and key); the rest of the store stays usable.
 */
public final class CorruptDataException extends ChatStoreException {
  private static final long serialVersionUID = 1L;
  private final String location;

  public CorruptDataException(String location, String problem) {
    super("corrupt data at " + location + ": " + problem);
    this.location = location;
  }

  public CorruptDataException(String location, String problem, Throwable cause) {
    super("corrupt data at " + location + ": " + problem, cause);
    this.location = location;
  }

  /** Where the damaged data is. */
  public String location() {
    return location;
  }
}
