package dev.chatstore.internal.crypto;

import dev.chatstore.CorruptDataException;
import dev.chatstore.spi.CipherScope;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The stored form of a sealed value, {@code cse1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>}: ASCII,
 * so it fits a text column, a JSON string or a file line, and the key id is readable without a key (a
 * rotation finds old values by it).
 */
record SealedValue(String keyId, byte[] bytes, int length) {
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

  /**
   * The key id and the decoded {@code nonce ‖ ciphertext ‖ tag} of a stored value, the bytes in
   * {@code bytes[0, length)}: decoded in place from one ASCII copy, since a page opens one per row.
   */
  static SealedValue parse(String stored, CipherScope scope) {
    int end = looksSealed(stored) ? stored.indexOf(':', PREFIX.length()) : -1;
    if (end <= PREFIX.length()) {
      throw new CorruptDataException(scope.location(), "encrypted value has no key id");
    }
    byte[] ascii = stored.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer decoded;
    try {
      decoded = DECODER.decode(ByteBuffer.wrap(ascii, end + 1, ascii.length - end - 1));
    } catch (IllegalArgumentException e) {
      throw new CorruptDataException(scope.location(), "encrypted value is not base64", e);
    }
    if (decoded.remaining() < NONCE_BYTES + TAG_BYTES) {
      throw new CorruptDataException(scope.location(), "encrypted value is truncated ("
          + decoded.remaining() + " bytes; a nonce and a tag take " + (NONCE_BYTES + TAG_BYTES) + ")");
    }
    return new SealedValue(stored.substring(PREFIX.length(), end), decoded.array(), decoded.limit());
  }

  /** The stored form of {@code sealed} ({@code nonce ‖ ciphertext ‖ tag}), sealed with {@code keyId}. */
  static String format(String keyId, byte[] sealed) {
    return PREFIX + keyId + ":" + ENCODER.encodeToString(sealed);
  }
}
