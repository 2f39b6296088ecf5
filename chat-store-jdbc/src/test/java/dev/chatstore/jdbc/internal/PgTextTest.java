package dev.chatstore.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The PostgreSQL escape: exact round trips, and substring search that neither misses nor invents hits. */
class PgTextTest {
  private static final char[] SPECIAL = {'\0', PgText.L0, PgText.L1, PgText.T0, (char) (PgText.T0 + 1),
      (char) (PgText.T0 + 3), PgText.T15};

  @Test
  void textWithoutSpecialCharactersIsStoredUnchanged() {
    String plain = "plain text, emoji 😀, CJK 𠜎, PUA outside the code \uE000\uF8FF";
    assertThat(PgText.escape(plain)).isSameAs(plain);
    assertThat(PgText.unescape(plain)).isSameAs(plain);
  }

  @Test
  void nulAndTheCodesOwnCharactersRoundTripWithoutNul() {
    for (String s : List.of("\0", "a\0b\0", String.valueOf(SPECIAL), PgText.L0 + "\0" + PgText.L1,
        "x" + PgText.T15 + PgText.T0 + "y")) {
      String stored = PgText.escape(s);
      assertThat(stored).doesNotContain("\0");
      assertThat(PgText.unescape(stored)).isEqualTo(s);
    }
  }

  @Test
  void loneSurrogatesRoundTripAsValidUtf16() {
    for (String s : List.of("\uD800", "\uDFFF", "a\uD83D", "\uDE00b", "\uDE00\uD83D", "😀\uD83D", "\uD83D😀")) {
      String stored = PgText.escape(s);
      assertThat(hasLoneSurrogate(stored)).as("escaped %s", s).isFalse();
      assertThat(PgText.unescape(stored)).isEqualTo(s);
    }
  }

  @Test
  void randomStringsRoundTrip() {
    Random random = new Random(42);
    for (int n = 0; n < 20_000; n++) {
      String s = random(random, 12, true);
      String stored = PgText.escape(s);
      if (stored.indexOf('\0') >= 0 || hasLoneSurrogate(stored) || !PgText.unescape(stored).equals(s)) {
        assertThat(PgText.unescape(stored)).as("round trip of %s via %s", codes(s), codes(stored)).isEqualTo(s);
        assertThat(stored).doesNotContain("\0");
        assertThat(hasLoneSurrogate(stored)).isFalse();
      }
    }
  }

  @Test
  void escapedSubstringSearchMatchesExactlyWhenTheOriginalDoes() {
    Random random = new Random(7);
    for (int n = 0; n < 50_000; n++) {
      String haystack = random(random, 10, false);
      String needle = random(random, 1 + random.nextInt(3), false);
      boolean found = PgText.escape(haystack).contains(PgText.escape(needle));
      if (found != haystack.contains(needle)) {
        assertThat(found).as("%s in %s", codes(needle), codes(haystack)).isEqualTo(haystack.contains(needle));
      }
    }
  }

  @Test
  void aBrokenEscapeIsRefused() {
    assertThatThrownBy(() -> PgText.unescape("a" + PgText.L0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PgText.unescape("" + PgText.L0 + 'x')).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PgText.unescape("" + PgText.T0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PgText.unescape("" + PgText.L0 + (char) (PgText.T0 + 3) + PgText.T15 + PgText.T0
        + PgText.T0)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Strings over a small alphabet rich in the code's characters (and surrogates if asked). */
  private static String random(Random random, int maxLength, boolean surrogates) {
    StringBuilder sb = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      int pick = random.nextInt(surrogates ? 12 : 10);
      if (pick < SPECIAL.length) {
        sb.append(SPECIAL[pick]);
      } else if (pick < 10) {
        sb.append((char) ('a' + pick - SPECIAL.length));
      } else {
        sb.append(pick == 10 ? '\uD83D' : '\uDE00');
      }
    }
    return sb.toString();
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static String codes(String s) {
    StringBuilder sb = new StringBuilder();
    s.chars().forEach(c -> sb.append(String.format("U+%04X ", c)));
    return sb.toString().strip();
  }
}
