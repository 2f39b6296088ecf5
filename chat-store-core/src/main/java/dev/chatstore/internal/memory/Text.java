package dev.chatstore.internal.memory;

import java.util.Locale;

/** Case-insensitive substring matching, the way the SQL backends' {@code LOWER(..) LIKE} matches. */
final class Text {
  private Text() {}

  static String fold(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  /** True if {@code text} contains {@code folded}, which was already passed through {@link #fold}. */
  static boolean contains(String text, String folded) {
    return fold(text).contains(folded);
  }
}
