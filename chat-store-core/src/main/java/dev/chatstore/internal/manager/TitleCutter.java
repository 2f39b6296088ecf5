package dev.chatstore.internal.manager;

/**
 * The default title rule: collapse whitespace, then keep whole grapheme clusters up to a length,
 * preferring to stop before a word. Pure and thread-safe.
 */
public final class TitleCutter {
  private static final String ELLIPSIS = "…";

  private TitleCutter() {}

  /**
   * At most {@code maxClusters} clusters (the ellipsis included) and {@code maxChars} UTF-16 chars;
   * empty when even the first cluster does not fit or the text is blank.
   */
  public static String cut(String text, int maxClusters, int maxChars) {
    String flat = collapseWhitespace(text);
    int[] bounds = Graphemes.boundaries(flat);
    int clusters = bounds.length - 1;
    if (clusters <= maxClusters && flat.length() <= maxChars) {
      return flat;
    }
    int budget = maxClusters - 1; // one cluster is left for the ellipsis
    int last = Math.min(budget, clusters);
    while (last > 0 && bounds[last] > maxChars - ELLIPSIS.length()) {
      last--;
    }
    if (last == 0) {
      return "";
    }
    int end = wordEnd(flat, bounds, last);
    String body = trimTrailingPunctuation(flat.substring(0, end));
    return body + ELLIPSIS;
  }

  /** Text with every run of whitespace or control characters turned into one space, trimmed. */
  static String collapseWhitespace(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), 4096));
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
        pendingSpace = out.length() > 0;
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      out.appendCodePoint(cp);
    }
    return out.toString();
  }

  // The last boundary up to bounds[last] where a word ends (a space starts the next cluster), unless
  // that would keep less than half the budget: then one long word is cut between clusters.
  private static int wordEnd(String flat, int[] bounds, int last) {
    for (int k = last; k >= Math.max(1, last / 2); k--) {
      int b = bounds[k];
      if (b < flat.length() && flat.charAt(b) == ' ') {
        return b;
      }
    }
    return bounds[last];
  }

  private static String trimTrailingPunctuation(String body) {
    int end = body.length();
    while (end > 0) {
      int cp = body.codePointBefore(end);
      if (!isTrailingJunk(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    // Text of nothing but punctuation keeps its punctuation rather than becoming empty.
    return end == 0 ? body : body.substring(0, end);
  }

  private static boolean isTrailingJunk(int cp) {
    switch (Character.getType(cp)) {
      case Character.SPACE_SEPARATOR:
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }
}
