package dev.chatstore.internal.crypto;

import dev.chatstore.CorruptDataException;
import dev.chatstore.spi.CipherScope;
import java.util.Base64;
import java.util.Optional;

/**
 * The stored form of a sealed value, {@code cse1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>}: ASCII,
 * so it fits a text column, a JSON string or a file line, and the key id is readable without a key (a
 * rotation finds old values by it).
 */
record SealedValue(String keyId, byte[] nonce, byte[] body) {
  static final String PREFIX = "cse1:";
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /** True if the stored text has the sealed form's prefix (it may still be malformed). */
  static boolean looksSealed(String stored) {
    return stored.startsWith(PREFIX);
  }

  /** The key id of a sealed value, read without checking the rest. */
  static Optional<String> keyIdOf(String stored) {
    if (!looksSealed(stored)) {
      return Optional.empty();
    }
    int end = stored.indexOf(':', PREFIX.length());
    return end < 0 ? Optional.empty() : Optional.of(stored.substring(PREFIX.length(), end));
  }

  static SealedValue parse(String stored, CipherScope scope) {
    Optional<String> keyId = keyIdOf(stored);
    if (keyId.isEmpty() || keyId.get().isEmpty()) {
      throw new CorruptDataException(scope.location(), "encrypted value has no key id");
    }
    byte[] bytes;
    try {
      bytes = DECODER.decode(stored.substring(PREFIX.length() + keyId.get().length() + 1));
    } catch (IllegalArgumentException e) {
      throw new CorruptDataException(scope.location(), "encrypted value is not base64", e);
    }
    if (bytes.length < NONCE_BYTES + TAG_BYTES) {
      throw new CorruptDataException(scope.location(), "encrypted value is truncated ("
          + bytes.length + " bytes; a nonce and a tag take " + (NONCE_BYTES + TAG_BYTES) + ")");
    }
    byte[] nonce = new byte[NONCE_BYTES];
    byte[] body = new byte[bytes.length - NONCE_BYTES];
    System.arraycopy(bytes, 0, nonce, 0, NONCE_BYTES);
    System.arraycopy(bytes, NONCE_BYTES, body, 0, body.length);
    return new SealedValue(keyId.get(), nonce, body);
  }

  String format() {
    byte[] bytes = new byte[nonce.length + body.length];
    System.arraycopy(nonce, 0, bytes, 0, nonce.length);
    System.arraycopy(body, 0, bytes, nonce.length, body.length);
    return PREFIX + keyId + ":" + ENCODER.encodeToString(bytes);
  }
}
