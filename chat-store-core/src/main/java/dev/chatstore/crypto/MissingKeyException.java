package dev.chatstore.crypto;

import dev.chatstore.ChatStoreException;

/**
 * A stored value is sealed with a key the store cannot get: the key provider no longer has that key
 * id, gives a key that is not AES-256 for it, or fails, or the store was opened without encryption. Names the key id and where the value is; values
 * sealed with other keys, and other sessions, stay readable.
 */
public final class MissingKeyException extends ChatStoreException {
  private static final long serialVersionUID = 1L;
  private final String keyId;
  private final String location;

  public MissingKeyException(String keyId, String location, String problem) {
    super("no key '" + keyId + "' for the value at " + location + ": " + problem);
    this.keyId = keyId;
    this.location = location;
  }

  public MissingKeyException(String keyId, String location, String problem, Throwable cause) {
    super("no key '" + keyId + "' for the value at " + location + ": " + problem, cause);
    this.keyId = keyId;
    this.location = location;
  }

  /** The id of the key the value was sealed with. */
  public String keyId() {
    return keyId;
  }

  /** Where the value is (session, message and field). */
  public String location() {
    return location;
  }
}
