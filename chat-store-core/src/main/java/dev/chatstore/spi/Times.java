package dev.chatstore.spi;

import dev.chatstore.InvalidInputException;
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

  /** The earliest time a caller may give (an import's createdAt, a revision's time): year 1. */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  /** The latest: year 9999, what H2 and PostgreSQL both hold (and ISO-8601 writes without a sign). */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  /**
   * Refuses a time given by the caller that not every backend could hold, naming {@code field}: the
   * same times are accepted everywhere, and nothing is half-written when a database would refuse one.
   */
  public static Instant storable(Instant time, String field) {
    Checks.notNull(time, field);
    Instant at = micros(time);
    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
      throw new InvalidInputException(field, "must be within the years 1 to 9999, was " + at);
    }
    return at;
  }
}
