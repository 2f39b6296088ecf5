package dev.chatstore.jdbc.internal;

import dev.chatstore.spi.TextMatch;
import java.util.Locale;

/**
 * The LIKE pattern of a search needle (escape character {@code !}): text containing the needle, in
 * stored form, LIKE's wildcards taken literally. The needle is folded here by {@link TextMatch}
 * whenever that is exactly what the database's LOWER would make of it (see
 * {@link Dialect#containsIgnoringCase}); otherwise it is left to the database to fold, so results do
 * not depend on which side folded. Immutable.
 *
 * @param value the pattern to bind
 * @param folded whether {@code value} is folded already (else the SQL must fold it)
 */
record LikePattern(String value, boolean folded) {
  /** The pattern for {@code needle}, stored as {@code text} stores it. */
  static LikePattern of(String needle, TextCodec text) {
    String folded = TextMatch.of(needle).folded();
    // PostgreSQL's lower() maps each character on its own (Character.toLowerCase); H2's LOWER is
    // String.toLowerCase() in the default locale. TextMatch's root-locale full mapping agrees with
    // both except for a few needles (U+0130, a Greek final sigma, a Turkish default locale).
    boolean same = folded.equals(perCharacter(needle)) && folded.equals(needle.toLowerCase(Locale.getDefault()));
    return new LikePattern(contains(text.text(same ? folded : needle)), same);
  }

  private static String perCharacter(String s) {
    StringBuilder lower = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> lower.appendCodePoint(Character.toLowerCase(cp)));
    return lower.toString();
  }

  private static String contains(String stored) {
    StringBuilder p = new StringBuilder(stored.length() + 8).append('%');
    for (int i = 0; i < stored.length(); i++) {
      char c = stored.charAt(i);
      if (c == '%' || c == '_' || c == '!') {
        p.append('!');
      }
      p.append(c);
    }
    return p.append('%').toString();
  }
}
