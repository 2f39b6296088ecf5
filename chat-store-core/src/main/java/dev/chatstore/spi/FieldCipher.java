package dev.chatstore.spi;

import dev.chatstore.CorruptDataException;
import dev.chatstore.crypto.Encryption;
import dev.chatstore.crypto.MissingKeyException;
import dev.chatstore.internal.crypto.AesGcmCipher;
import dev.chatstore.internal.crypto.PlainCipher;
import java.util.Optional;

/**
 * How a durable backend turns a text value into what it stores and back: the identity when the store
 * does not encrypt, AES-256-GCM when its builder was given an {@link Encryption}. The backend calls
 * {@link #seal} on every value it writes that the README lists as encrypted and {@link #open} on every
 * one it reads, naming each with its {@link CipherScope}; the sealed form is plain ASCII text (a prefix,
 * the key id, then base64), so it fits any text column, a JSON string or a file line.
 *
 * <p>Thread-safe. {@link #open} throws {@link CorruptDataException} for a value that is malformed,
 * tampered with, moved from another scope or sealed with another key under the same id, and
 * {@link MissingKeyException} when the value's key is not available (or the store does not encrypt).
 * A value that was stored before encryption was turned on is not sealed and opens as it is.
 */
public interface FieldCipher {

  /** The value as stored: sealed with the current key and a fresh nonce, or as it is. */
  String seal(String plaintext, CipherScope scope);

  /** The stored value as it was written. */
  String open(String stored, CipherScope scope);

  /** True if this cipher seals values (the store was built with an {@link Encryption}). */
  boolean encrypts();

  /**
   * True if the stored value needs nothing from a {@code KeyRotation}: sealed with the current key,
   * or anything at all when this cipher does not encrypt.
   */
  boolean isCurrent(String stored);

  /** The key id a stored value was sealed with; empty for a value that is not sealed. */
  Optional<String> keyIdOf(String stored);

  /** The current key id ({@link dev.chatstore.crypto.KeyProvider#currentKeyId}); empty if not encrypting. */
  Optional<String> currentKeyId();

  /** The cipher of a store built with this encryption, or the identity without one. */
  static FieldCipher of(Optional<Encryption> encryption) {
    return encryption.<FieldCipher>map(AesGcmCipher::new).orElse(PlainCipher.INSTANCE);
  }

  /** The identity: values are stored as they are (and a sealed one is a {@link MissingKeyException}). */
  static FieldCipher plain() {
    return PlainCipher.INSTANCE;
  }
}
