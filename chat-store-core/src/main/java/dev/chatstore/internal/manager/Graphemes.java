package dev.chatstore.internal.manager;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Boundaries between user-perceived characters (extended grapheme clusters), so text is never cut
 * inside a surrogate pair, a base letter and its combining marks, an emoji ZWJ sequence, a skin-tone
 * modifier, a flag or a tag sequence.
 *
 * <p>Starts from {@link BreakIterator#getCharacterInstance()} and removes the boundaries that
 * Unicode's extended rules (UAX #29: GB9, GB9a, GB11, GB12/13) forbid but the JDK 17 iterator still
 * reports; on newer JDKs, whose iterator already follows those rules, the extra pass removes nothing.
 */
public final class Graphemes {
  private static final int ZWJ = 0x200D;
  private static final int ZWNJ = 0x200C;

  private Graphemes() {}

  /** Every cluster boundary of {@code text}, ascending, including 0 and {@code text.length()}. */
  public static int[] boundaries(String text) {
    BreakIterator it = BreakIterator.getCharacterInstance();
    it.setText(text);
    List<Integer> kept = new ArrayList<>();
    for (int b = it.first(); b != BreakIterator.DONE; b = it.next()) {
      if (b == 0 || b == text.length() || mayBreak(text, b)) {
        kept.add(b);
      }
    }
    return kept.stream().mapToInt(Integer::intValue).toArray();
  }

  /** How many clusters {@code text} holds. */
  public static int count(String text) {
    return boundaries(text).length - 1;
  }

  private static boolean mayBreak(String text, int at) {
    int after = text.codePointAt(at);
    int before = text.codePointBefore(at);
    if (Character.isLowSurrogate(text.charAt(at)) && Character.isHighSurrogate(text.charAt(at - 1))) {
      return false; // never between the halves of a pair, whatever the iterator says
    }
    if (isExtend(after) || Character.getType(after) == Character.COMBINING_SPACING_MARK) {
      return false; // GB9, GB9a
    }
    if (before == ZWJ && isPictographic(after)) {
      return false; // GB11: 👨‍👩‍👧 stays one cluster
    }
    if (isRegionalIndicator(before) && isRegionalIndicator(after)) {
      return regionalIndicatorsBefore(text, at) % 2 == 0; // GB12/13: flags pair up
    }
    return true;
  }

  private static boolean isExtend(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || cp == ZWJ
        || cp == ZWNJ
        || (cp >= 0xFE00 && cp <= 0xFE0F) // variation selectors
        || (cp >= 0xE0100 && cp <= 0xE01EF)
        || (cp >= 0x1F3FB && cp <= 0x1F3FF) // skin-tone modifiers
        || (cp >= 0xE0020 && cp <= 0xE007F); // tag characters (subdivision flags)
  }

  private static boolean isRegionalIndicator(int cp) {
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
  }

  // Extended_Pictographic, approximated by the blocks that hold emoji.
  private static boolean isPictographic(int cp) {
    return (cp >= 0x1F000 && cp <= 0x1FAFF)
        || (cp >= 0x2600 && cp <= 0x27BF)
        || (cp >= 0x2300 && cp <= 0x23FF)
        || (cp >= 0x2B00 && cp <= 0x2BFF)
        || (cp >= 0x2190 && cp <= 0x21FF)
        || cp == 0x00A9 || cp == 0x00AE || cp == 0x203C || cp == 0x2049 || cp == 0x2122
        || cp == 0x2139 || cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299;
  }

  private static int regionalIndicatorsBefore(String text, int at) {
    int count = 0;
    int i = at;
    while (i > 0 && isRegionalIndicator(text.codePointBefore(i))) {
      count++;
      i -= Character.charCount(text.codePointBefore(i));
    }
    return count;
  }
}
