package dev.chatstore.jdbc.internal;

/**
 * The reversible escape that lets PostgreSQL hold any Java string: PostgreSQL refuses U+0000 in
 * {@code text} and {@code jsonb}, and a lone surrogate cannot be sent as UTF-8 at all (the driver would
 * turn it into '?', and a stream's chunk may well end between the two halves of a pair).
 *
 * <p>The code uses 18 characters of the private-use area: two leads and sixteen tails.
 * <pre>
 *   U+0000             -> L0 T0
 *   L0                 -> L0 T1
 *   L1                 -> L0 T2
 *   lone surrogate s   -> L0 T3 Th Tm Tl   (s - U+D800 as three hex digits, high first)
 *   Ti                 -> L1 Ti
 * </pre>
 * Every other character stands for itself. Because the characters after a lead are always tails, and
 * a tail never stands for itself, the escaped form of a needle can only match the escaped form of a
 * text at a character boundary: substring search (LIKE) on escaped text finds exactly what it would
 * on the original, so search keeps working. Text without NUL, lone surrogates or these 18 characters
 * (nearly all text) is stored unchanged. Stateless and thread-safe.
 */
final class PgText {
  static final char L0 = '\uF8E0';
  static final char L1 = '\uF8E1';
  static final char T0 = '\uF8E2';
  static final char T15 = '\uF8F1';

  private PgText() {}

  /** The escaped form of {@code text}; the same string when nothing needs escaping. */
  static String escape(String text) {
    int first = firstToEscape(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    out.append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        out.append(L0).append(tail(0));
      } else if (c == L0) {
        out.append(L0).append(tail(1));
      } else if (c == L1) {
        out.append(L0).append(tail(2));
      } else if (isTail(c)) {
        out.append(L1).append(c);
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        int v = c - Character.MIN_SURROGATE;
        out.append(L0).append(tail(3)).append(tail(v >> 8)).append(tail((v >> 4) & 15)).append(tail(v & 15));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The original of an escaped {@code stored} text.
   *
   * @throws IllegalArgumentException if {@code stored} is not something {@link #escape} wrote
   */
  static String unescape(String stored) {
    int first = firstEscaped(stored);
    if (first < 0) {
      return stored;
    }
    StringBuilder out = new StringBuilder(stored.length());
    out.append(stored, 0, first);
    int i = first;
    while (i < stored.length()) {
      char c = stored.charAt(i);
      if (c == L0) {
        int code = tailAt(stored, i + 1);
        if (code == 0) {
          out.append('\0');
        } else if (code == 1) {
          out.append(L0);
        } else if (code == 2) {
          out.append(L1);
        } else if (code == 3) {
          int v = (tailAt(stored, i + 2) << 8) | (tailAt(stored, i + 3) << 4) | tailAt(stored, i + 4);
          if (v > Character.MAX_SURROGATE - Character.MIN_SURROGATE) {
            throw bad(i);
          }
          out.append((char) (Character.MIN_SURROGATE + v));
          i += 3;
        } else {
          throw bad(i);
        }
        i += 2;
      } else if (c == L1) {
        out.append(tail(tailAt(stored, i + 1)));
        i += 2;
      } else if (isTail(c)) {
        throw bad(i);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** True if {@code stored} holds any character of the code, that is if unescaping would change it. */
  static boolean hasEscapes(String stored) {
    return firstEscaped(stored) >= 0;
  }

  private static int firstToEscape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0 || (c >= L0 && c <= T15)) {
        return i;
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  private static int firstEscaped(String stored) {
    for (int i = 0; i < stored.length(); i++) {
      char c = stored.charAt(i);
      if (c >= L0 && c <= T15) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isTail(char c) {
    return c >= T0 && c <= T15;
  }

  private static char tail(int code) {
    return (char) (T0 + code);
  }

  private static int tailAt(String stored, int index) {
    if (index >= stored.length() || !isTail(stored.charAt(index))) {
      throw bad(index);
    }
    return stored.charAt(index) - T0;
  }

  private static IllegalArgumentException bad(int index) {
    return new IllegalArgumentException("broken escape sequence at char " + index);
  }
}
