package dev.chatstore.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it, so a bucket's refill is exactly what the test says. */
final class ManualClock extends Clock {
  static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(START);

  void advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
  }

  void set(Instant at) {
    now.set(at);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a ManualClock is UTC only");
  }
}
