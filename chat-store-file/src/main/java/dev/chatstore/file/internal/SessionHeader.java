package dev.chatstore.file.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The first line of a session file, {@code {"format":"chat-store-session","version":N}}: the oldest
 * format version whose readers read the whole file as written, and where that number stands in the
 * file. A file stays at version 1 while every line in it is one a version-1 reader reads exactly;
 * before the first line that needs version 2 is written, the number is raised in place (the same
 * bytes count, nothing else in the line touched), so the file is still only ever appended to and a
 * reader of version 1 refuses it rather than misreads it. Immutable.
 *
 * @param version the version the header names
 * @param versionOffset the byte offset in the file of the number's text
 * @param versionLength how many bytes the number's text takes ({@code 1}, or more in a hand-written
 *     header such as {@code 1.0})
 */
record SessionHeader(int version, long versionOffset, int versionLength) {
  static final String FORMAT = "chat-store-session";
  /** What every file begins as: all a version-1 reader reads. */
  static final int FIRST = 1;
  /** The newest version this library reads and writes: 3 holds sealed values (an encrypting store's). */
  static final int NEWEST = EventVersion.SEALED;

  /** Writes a header line naming {@code version} at the start of {@code out}, which must be empty. */
  static SessionHeader write(ByteArrayOutputStream out, int version) {
    LineJson.line(out, g -> {
      g.writeStringField("format", FORMAT);
      g.writeNumberField("version", version);
    });
    try {
      return read(out.toByteArray(), 0, out.size() - 1, 0);
    } catch (BadLine e) { // the line was just written by the code above
      throw new IllegalStateException("a header this class wrote does not read back: " + e.getMessage(), e);
    }
  }

  /**
   * The header in {@code buf[off, off + len)}, the line starting at byte {@code lineOffset} of the
   * file. Refuses another format and a version this library does not read.
   */
  static SessionHeader read(byte[] buf, int off, int len, long lineOffset) throws BadLine {
    boolean format = false;
    long version = -1;
    long at = -1;
    int length = 0;
    try (JsonParser p = LineJson.STREAMING.getFactory().createParser(buf, off, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw BadLine.syntax("not a JSON object", null);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken token = p.nextToken();
        if (name.equals("format")) {
          format = token == JsonToken.VALUE_STRING && FORMAT.equals(p.getText());
        } else if (name.equals("version")) {
          version = whole(p, token);
          at = p.currentTokenLocation().getByteOffset();
          length = p.getTextLength();
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw BadLine.syntax("more follows the JSON object", null);
      }
    } catch (IOException e) {
      throw BadLine.syntax("not valid JSON: " + (e.getMessage() == null ? e : e.getMessage().lines().findFirst()
          .orElse("")), e);
    }
    if (!format) {
      throw new BadLine("the first line must be the header {\"format\":\"" + FORMAT + "\",\"version\":" + FIRST + "}");
    }
    if (version < FIRST || at < 0) {
      throw new BadLine("the header's \"version\" must be a format version (a whole number from " + FIRST + ")");
    }
    if (version > NEWEST) {
      throw new BadLine("format version " + version + " is newer than this library reads (" + FIRST + " to "
          + NEWEST + "): written by a later release, open it with that one");
    }
    return new SessionHeader((int) version, lineOffset + at, length);
  }

  /** The bytes that replace the number's text to name {@code newer}: the digit, padded with spaces. */
  byte[] versionText(int newer) {
    if (newer <= version || newer > NEWEST) {
      throw new IllegalArgumentException("cannot raise version " + version + " to " + newer);
    }
    byte[] text = new byte[versionLength];
    Arrays.fill(text, (byte) ' ');
    byte[] digits = Integer.toString(newer).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, text, 0, digits.length); // NEWEST is one digit: it fits any valid number's text
    return text;
  }

  /** This header once {@link #versionText} has been written over the number. */
  SessionHeader raisedTo(int newer) {
    return new SessionHeader(newer, versionOffset, versionLength);
  }

  /** A whole number, written as an integer or as a decimal with nothing after the point (hand-written). */
  private static long whole(JsonParser p, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      try {
        return new BigDecimal(p.getText()).longValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        return -1;
      }
    }
    p.skipChildren();
    return -1;
  }
}
