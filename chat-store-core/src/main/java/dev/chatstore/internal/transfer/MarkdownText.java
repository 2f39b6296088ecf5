package dev.chatstore.internal.transfer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the Markdown transcript escapes what it did not write itself (titles, names, ids, URIs, texts),
 * so that no text can end the construct it is shown in: a table cell, a code span, a link, a fenced
 * block. Stateless.
 */
final class MarkdownText {
  private static final Pattern INLINE_SPECIAL = Pattern.compile("[\\\\`*_\\[\\]<>&~|]");
  private static final Pattern BACKTICKS = Pattern.compile("`+");

  private MarkdownText() {}

  /** Text on one line for a table cell: line breaks and NUL become spaces, {@code |} is escaped. */
  static String cell(String text) {
    return text.replaceAll("[\\r\\n\\u0000]+", " ").replace("|", "\\|");
  }

  /** Text on one line, its inline Markdown escaped: it reads as written, never as emphasis, a link or HTML. */
  static String escaped(String text) {
    return INLINE_SPECIAL.matcher(text.replaceAll("[\\r\\n\\u0000]+", " ")).replaceAll("\\\\$0");
  }

  /** A code span of {@code text} on one line, its delimiters longer than any run of backticks inside. */
  static String code(String text) {
    String line = text.replaceAll("[\\r\\n\\u0000]+", " ");
    String ticks = "`".repeat(longestRun(line) + 1);
    boolean pad = line.startsWith("`") || line.endsWith("`");
    return ticks + (pad ? " " + line + " " : line) + ticks;
  }

  /** A fence for a block holding {@code text}: longer than any run of backticks inside, at least three. */
  static String fence(String text) {
    return "`".repeat(Math.max(3, longestRun(text) + 1));
  }

  /** A link destination for {@code uri}, in angle brackets so that spaces and parentheses stay in it. */
  static String destination(String uri) {
    String escaped = uri.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>")
        .replace("\r", "%0D").replace("\n", "%0A").replace("\u0000", "%00");
    return "<" + escaped + ">";
  }

  /** Text shown as written (Markdown stays Markdown), NUL shown as the replacement character. */
  static String block(String text) {
    return text.replace("\u0000", "\uFFFD");
  }

  private static int longestRun(String text) {
    int longest = 0;
    Matcher m = BACKTICKS.matcher(text);
    while (m.find()) {
      longest = Math.max(longest, m.end() - m.start());
    }
    return longest;
  }
}
