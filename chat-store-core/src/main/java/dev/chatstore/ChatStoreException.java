package dev.chatstore;

/**
 * The root of every error chat-store throws; unchecked, so host code handles only what it cares about.
 *
 * <p>Subclasses say what went wrong and carry the context to act on it: {@link NotFoundException},
 * {@link ConflictException}, {@link InvalidInputException}, {@link CorruptDataException} and
 * {@link UnavailableException}; beside them {@link dev.chatstore.crypto.MissingKeyException} (an
 * encrypted value whose key is gone) and {@link dev.chatstore.limit.RateLimitExceededException} (an
 * owner over its message rate, with when to retry). No SQLException or IOException ever leaves the
 * library unwrapped.
 */
public class ChatStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChatStoreException(String message) {
    super(message);
  }

  public ChatStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
