package dev.chatstore.spi;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Every timestamp a store writes, at microsecond precision: what H2, PostgreSQL and the file format
 * all hold exactly, so a value read back equals the value written.
 */
public final class Times {
  private Times() {}

  public static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  public static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }
}
