package dev.chatstore.file.internal;

import java.util.Locale;
import java.util.Set;

/**
 * The shape {@code Checks.id} and {@code Checks.ownerId} accept, tested without a regex or an
 * exception: what reading ten thousand index entries on open can afford. Stricter never, looser
 * never: anything passing here passes the records' own checks.
 */
final class IdShape {
  private static final int MAX_ID = 128;
  private static final int MAX_OWNER = 256;
  private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
      "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
      "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

  private IdShape() {}

  static boolean isId(String s) {
    int n = s.length();
    if (n == 0 || n > MAX_ID || s.charAt(0) == '.') {
      return false;
    }
    int dot = -1;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
          || c == '-' || c == '.';
      if (!ok) {
        return false;
      }
      if (c == '.' && dot < 0) {
        dot = i;
      }
    }
    String base = dot < 0 ? s : s.substring(0, dot);
    return base.length() > 4 || !RESERVED.contains(base.toUpperCase(Locale.ROOT));
  }

  static boolean isOwner(String s) {
    if (s.isBlank() || s.length() > MAX_OWNER) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
