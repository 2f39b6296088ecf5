package dev.chatstore;

import dev.chatstore.spi.Checks;
import java.util.Arrays;
import java.util.Base64;

/**
 * Immutable bytes of an inline {@link MediaPart}, compared by content. A class rather than a record
 * because a record over {@code byte[]} would compare and hash the array's identity and hand out the
 * array itself.
 */
public final class InlineBytes {
  private final byte[] bytes;

  private InlineBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  public static InlineBytes of(byte[] bytes) {
    return new InlineBytes(Checks.notNull(bytes, "part.bytes").clone());
  }

  /** Decodes standard base64 (RFC 4648, with padding), as the stored and exported form. */
  public static InlineBytes fromBase64(String base64) {
    Checks.notNull(base64, "part.bytes");
    try {
      return new InlineBytes(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("part.bytes", "is not base64: " + e.getMessage());
    }
  }

  public int size() {
    return bytes.length;
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Standard base64 with padding. */
  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InlineBytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "InlineBytes[" + bytes.length + " bytes]";
  }
}
