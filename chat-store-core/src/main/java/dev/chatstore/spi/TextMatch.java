package dev.chatstore.spi;

import dev.chatstore.InvalidInputException;
import java.util.Locale;

/**
 * How search and the session list's text filter match: the needle anywhere in the text, ignoring
 * case by lower-casing both sides with the root locale, every character literal (no wildcards).
 * The one home of that rule for backends that match in Java; a SQL backend matches the same way
 * with {@code LOWER(text) LIKE '%' || folded-and-escaped needle || '%'}. Immutable.
 */
public final class TextMatch {
  private final String folded;

  private TextMatch(String folded) {
    this.folded = folded;
  }

  /** A match for {@code needle}, which must not be blank. */
  public static TextMatch of(String needle) {
    Checks.notNull(needle, "text");
    if (needle.isBlank()) {
      throw new InvalidInputException("text", "must not be blank");
    }
    return new TextMatch(fold(needle));
  }

  /** {@code text} as matching compares it. */
  public static String fold(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  /** The needle as matching compares it. */
  public String folded() {
    return folded;
  }

  /** True when {@code text} contains the needle, ignoring case. */
  public boolean matches(String text) {
    return text != null && fold(text).contains(folded);
  }
}
