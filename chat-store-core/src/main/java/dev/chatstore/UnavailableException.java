package dev.chatstore;

/**
 * The storage could not be reached or failed (I/O error, lost connection, lock timeout). The
 * operation wrote nothing that will be seen half-done; it is safe to retry.
 */
public final class UnavailableException extends ChatStoreException {
  private static final long serialVersionUID = 1L;

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public UnavailableException(String message) {
    super(message);
  }
}
