package dev.chatstore.examples.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the CLI shows times, titles and snippets: readable on one line, never splitting a character. */
final class Text {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Text() {}

  static String time(Instant instant) {
    return TIME.format(instant);
  }

  static String title(String title) {
    return title.isBlank() ? "(untitled)" : oneLine(title);
  }

  /** Text on one line, shortened to about {@code max} chars with an ellipsis. */
  static String snippet(String text, int max) {
    String line = oneLine(text);
    if (line.length() <= max) {
      return line;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(line.charAt(end - 1))) {
      end--;
    }
    return line.substring(0, end) + "…";
  }

  static String oneLine(String text) {
    return text.replace('\u0000', ' ').replaceAll("\\s+", " ").strip();
  }

  /** {@code text} as one word of a POSIX shell command line: as it is when that is safe, else single-quoted. */
  static String shellWord(String text) {
    if (!text.isEmpty() && text.matches("[A-Za-z0-9_./:=@%+,-]+")) {
      return text;
    }
    return "'" + text.replace("'", "'\\''") + "'";
  }

  static String role(dev.chatstore.Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }
}
