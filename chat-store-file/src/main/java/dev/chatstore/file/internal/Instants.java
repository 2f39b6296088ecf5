package dev.chatstore.file.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants the store writes ({@link Instant#toString()}: {@code 2026-01-02T03:04:05.123456Z})
 * without the general ISO parser, which dominates the cost of loading a long session; any other
 * valid ISO-8601 instant (a hand-edited file) still goes through {@link Instant#parse}.
 */
final class Instants {
  private Instants() {}

  static Instant parse(String s) throws BadLine {
    try {
      Instant fast = fast(s);
      return fast != null ? fast : Instant.parse(s);
    } catch (DateTimeException e) {
      throw new BadLine("not an ISO-8601 instant: " + s, e);
    }
  }

  /** The instant, or null if {@code s} is not in the exact shape {@code toString} writes. */
  private static Instant fast(String s) {
    int n = s.length();
    if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      int fraction = n - 21; // digits between '.' and 'Z'
      if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      nanos = digits(s, 20, n - 1);
      if (nanos < 0) {
        return null;
      }
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    } else if (n != 20) {
      return null;
    }
    long days = LocalDate.of(year, month, day).toEpochDay(); // checks the day exists
    return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos);
  }

  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
