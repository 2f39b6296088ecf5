package dev.chatstore.crypto;

import dev.chatstore.InvalidInputException;
import dev.chatstore.spi.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where an encrypting store gets its keys: the host's key store, vault or KMS behind two questions.
 * Each stored value names the id of the key that sealed it, so a provider keeps old keys readable for
 * as long as values sealed with them exist (see {@link KeyRotation}).
 *
 * <p>Implementations must be thread-safe; the store calls them on every write ({@link #currentKeyId})
 * and the first time it meets a key id ({@link #key}). A key id is 1 to {@value Encryption#MAX_KEY_ID_LENGTH}
 * characters of {@code [A-Za-z0-9._-]}; a key is {@value Encryption#KEY_BYTES} bytes (AES-256).
 */
public interface KeyProvider {

  /** The id of the key new values are sealed with. */
  String currentKeyId();

  /** The key with this id, or empty if the provider does not have it (any more). */
  Optional<byte[]> key(String keyId);

  /**
   * A fixed set of keys, copied: what tests and a host holding its keys in configuration use.
   * Throws {@link InvalidInputException} if a key id is malformed or {@code currentKeyId} is not among
   * the keys; key lengths are checked when a store is built with it.
   */
  static KeyProvider of(String currentKeyId, Map<String, byte[]> keys) {
    Checks.notNull(keys, "keys");
    Map<String, byte[]> copy = new LinkedHashMap<>();
    keys.forEach((id, key) -> {
      Encryption.checkKeyId(id, "keys");
      copy.put(id, Checks.notNull(key, "keys[" + id + "]").clone());
    });
    Encryption.checkKeyId(currentKeyId, "currentKeyId");
    if (!copy.containsKey(currentKeyId)) {
      throw new InvalidInputException("currentKeyId", "no key with id '" + currentKeyId + "' among the keys");
    }
    return new KeyProvider() {
      @Override
      public String currentKeyId() {
        return currentKeyId;
      }

      @Override
      public Optional<byte[]> key(String keyId) {
        return Optional.ofNullable(copy.get(keyId)).map(byte[]::clone);
      }

      @Override
      public String toString() {
        return "KeyProvider.of(current=" + currentKeyId + ", ids=" + copy.keySet() + ")";
      }
    };
  }
}
