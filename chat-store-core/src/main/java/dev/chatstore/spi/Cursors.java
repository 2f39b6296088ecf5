package dev.chatstore.spi;

import dev.chatstore.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The opaque cursor strings of {@link dev.chatstore.Page}: a keyset position and a direction,
 * base64url-encoded with a kind prefix so a cursor of one kind is refused by another query.
 */
public final class Cursors {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Cursors() {}

  /** A message-page position: go {@code older} (before) or newer (after) than {@code seq}. */
  public record MessagePosition(boolean older, long seq) {}

  /** A session-list position: the last row seen, and whether to continue forward in the order. */
  public record SessionPosition(boolean forward, Instant updatedAt, String id) {}

  /** A search position: the last hit's message id, and whether to continue forward. */
  public record SearchPosition(boolean forward, String messageId) {}

  public static String message(boolean older, long seq) {
    return encode("m1|" + (older ? "o" : "n") + "|" + seq);
  }

  public static MessagePosition message(String cursor) {
    String[] parts = decode(cursor, "m1", 3);
    try {
      long seq = Long.parseLong(parts[2]);
      if (seq < 0) {
        throw invalid();
      }
      return new MessagePosition(direction(parts[1]), seq);
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  public static String session(boolean forward, Instant updatedAt, String id) {
    return encode("s1|" + (forward ? "n" : "o") + "|" + updatedAt.getEpochSecond() + "|"
        + updatedAt.getNano() + "|" + id);
  }

  public static SessionPosition session(String cursor) {
    String[] parts = decode(cursor, "s1", 5);
    try {
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[2]), Long.parseLong(parts[3]));
      return new SessionPosition(!direction(parts[1]), at, Checks.id(parts[4], "cursor"));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      throw invalid();
    }
  }

  public static String search(boolean forward, String messageId) {
    return encode("h1|" + (forward ? "n" : "o") + "|" + messageId);
  }

  public static SearchPosition search(String cursor) {
    String[] parts = decode(cursor, "h1", 3);
    return new SearchPosition(!direction(parts[1]), Checks.id(parts[2], "cursor"));
  }

  private static boolean direction(String code) {
    switch (code) {
      case "o":
        return true;
      case "n":
        return false;
      default:
        throw invalid();
    }
  }

  private static String encode(String raw) {
    return ENCODER.encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decode(String cursor, String kind, int parts) {
    Checks.notBlank(cursor, "cursor", 1024);
    String raw;
    try {
      raw = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    String[] split = raw.split("\\|", -1);
    if (split.length != parts || !split[0].equals(kind)) {
      throw invalid();
    }
    return split;
  }

  private static InvalidInputException invalid() {
    return new InvalidInputException("cursor", "is not a cursor this query returned");
  }
}
