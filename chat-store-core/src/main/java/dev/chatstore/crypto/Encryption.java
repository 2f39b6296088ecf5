package dev.chatstore.crypto;

import dev.chatstore.InvalidInputException;
import dev.chatstore.spi.Checks;
import java.util.regex.Pattern;

/**
 * Encryption at rest for a durable store: AES-256-GCM with the JDK's own provider, keys from a host
 * {@link KeyProvider}. Given to a backend's builder ({@code .encryption(Encryption.aesGcm(keys))});
 * each value is sealed with the current key and a fresh 96-bit nonce, and bound (as GCM associated
 * data) to its session, message and field, so a value copied to another row does not decrypt.
 *
 * <p>Immutable and thread-safe. {@link #aesGcm} throws {@link InvalidInputException} when the
 * provider's current key id is malformed, missing or not {@value #KEY_BYTES} bytes long, so a store
 * is never built with a key it cannot use.
 */
public final class Encryption {
  /** The length of an AES-256 key. */
  public static final int KEY_BYTES = 32;
  /** The longest key id; ids are stored beside every value. */
  public static final int MAX_KEY_ID_LENGTH = 64;

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_KEY_ID_LENGTH + "}");

  private final KeyProvider keys;

  private Encryption(KeyProvider keys) {
    this.keys = keys;
  }

  /** AES-256-GCM with these keys; checks the current key at once. */
  public static Encryption aesGcm(KeyProvider keys) {
    Checks.notNull(keys, "keys");
    String current = keys.currentKeyId();
    checkKeyId(current, "encryption.currentKeyId");
    byte[] key = keys.key(current).orElseThrow(() -> new InvalidInputException(
        "encryption.currentKeyId", "the key provider has no key with id '" + current + "'"));
    checkKeyLength(current, key, "encryption.key");
    return new Encryption(keys);
  }

  /** Where the keys come from. */
  public KeyProvider keys() {
    return keys;
  }

  /** Refuses a key id a sealed value could not carry (1 to 64 of A-Z a-z 0-9 . _ -), naming {@code field}. */
  public static void checkKeyId(String keyId, String field) {
    Checks.notNull(keyId, field);
    if (!KEY_ID.matcher(keyId).matches()) {
      throw new InvalidInputException(field, "a key id is 1 to " + MAX_KEY_ID_LENGTH
          + " characters of A-Z a-z 0-9 . _ -");
    }
  }

  /** Refuses a key that is not AES-256, naming its id (never its bytes). */
  public static void checkKeyLength(String keyId, byte[] key, String field) {
    if (key == null || key.length != KEY_BYTES) {
      throw new InvalidInputException(field, "key '" + keyId + "' is "
          + (key == null ? "null" : key.length + " bytes") + "; AES-256 needs " + KEY_BYTES);
    }
  }

  @Override
  public String toString() {
    return "Encryption[AES-256-GCM, " + keys + "]";
  }
}
