package dev.chatstore.jdbc.internal;

import dev.chatstore.spi.InputRules;
import dev.chatstore.spi.Times;
import java.time.Clock;
import java.time.Instant;

/**
 * What every part of a store shares: the database, the row reader, the input rules and the clock.
 * Immutable and thread-safe.
 */
public record StoreContext(Db db, Rows rows, InputRules rules, Clock clock) {
  /** Now, at the microsecond precision every timestamp is stored at. */
  public Instant now() {
    return Times.now(clock);
  }

  public TextCodec text() {
    return db.text();
  }

  public Dialect dialect() {
    return db.dialect();
  }
}
