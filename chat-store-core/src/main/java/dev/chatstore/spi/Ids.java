package dev.chatstore.spi;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7): the 48-bit millisecond time first, then a counter so ids made in
 * the same millisecond by this JVM still sort in creation order, then random bits.
 */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static long lastMillis;
  private static long counter;

  private Ids() {}

  /** A new id, as its 36-character lowercase string form. */
  public static String next() {
    long millis;
    long seq;
    synchronized (Ids.class) {
      millis = System.currentTimeMillis();
      if (millis <= lastMillis) {
        millis = lastMillis;
        counter++;
        if (counter > 0xFFF) { // the 12-bit counter ran out: borrow the next millisecond
          millis++;
          counter = 0;
        }
      } else {
        counter = 0;
      }
      lastMillis = millis;
      seq = counter;
    }
    long msb = (millis << 16) | 0x7000L | seq;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
