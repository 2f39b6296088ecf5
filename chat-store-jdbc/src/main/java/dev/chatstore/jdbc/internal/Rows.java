package dev.chatstore.jdbc.internal;

import dev.chatstore.CorruptDataException;
import dev.chatstore.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Supplier;

/** What the tables' row mappings share: how a value that does not decode names its row. Stateless. */
final class Rows {
  private Rows() {}

  /** The instant in a NOT NULL timestamp column; {@code where} names the row if it is NULL. */
  static Instant required(ResultSet rs, String column, String where) throws SQLException {
    return Db.instant(rs, column).orElseThrow(() -> new CorruptDataException(where, column + " is NULL"));
  }

  /** {@code read()}, with what the codecs and records refuse in stored data turned into damage to the row. */
  static <T> T decoded(String where, Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidInputException e) {
      throw new CorruptDataException(where, e.getMessage(), e);
    }
  }

  /** The row {@code where} does not decode, as {@code e} found. */
  static CorruptDataException corrupt(String where, RuntimeException e) {
    return new CorruptDataException(where, e.getMessage() == null ? e.toString() : e.getMessage(), e);
  }
}
