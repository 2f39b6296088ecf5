package dev.chatstore.jdbc.internal;

import dev.chatstore.ChatStoreException;
import dev.chatstore.CorruptDataException;
import dev.chatstore.UnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;

/**
 * Turns what JDBC and Jdbi throw into the library's exceptions. A failure the caller can act on
 * (a duplicate key, a vanished parent row) is recognised by the code that expects it; everything
 * else is the database failing, {@link UnavailableException}, except a damaged H2 file, which is
 * {@link CorruptDataException}. Stateless.
 */
public final class SqlErrors {
  /** H2's error code for a database file it cannot read. */
  private static final int H2_FILE_CORRUPTED = 90030;

  private SqlErrors() {}

  /** The library exception for a failure while doing {@code what} (a short phrase). */
  public static ChatStoreException map(String what, Throwable failure) {
    if (failure instanceof ChatStoreException) {
      return (ChatStoreException) failure;
    }
    Optional<SQLException> sql = sqlException(failure);
    if (sql.isPresent() && sql.get().getErrorCode() == H2_FILE_CORRUPTED
        && "H2".equals(vendorOf(sql.get()))) {
      return new CorruptDataException("the H2 database file", sql.get().getMessage(), failure);
    }
    String kind = sql.map(e -> isTransient(e) ? "the database is unreachable or busy" : "the database failed")
        .orElse("the database failed");
    String state = sql.map(e -> " [SQLState " + e.getSQLState() + "]").orElse("");
    return new UnavailableException(what + " failed: " + kind + state + ": " + message(failure), failure);
  }

  /** True if {@code failure} is a unique or primary key violation. */
  public static boolean isDuplicateKey(Throwable failure) {
    return hasState(failure, "23505");
  }

  /**
   * True if {@code failure}, or an exception chained to it (a batch reports its rows' failures as
   * next exceptions), has SQLState {@code state}.
   */
  private static boolean hasState(Throwable failure, String state) {
    Optional<SQLException> first = sqlException(failure);
    int guard = 0;
    for (SQLException e = first.orElse(null); e != null && guard < 100; e = e.getNextException(), guard++) {
      if (state.equals(e.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** As {@link #isTransient(SQLException)}, for the SQLException behind {@code failure}, if any. */
  public static boolean isTransient(Throwable failure) {
    return sqlException(failure).map(SqlErrors::isTransient).orElse(false);
  }

  /**
   * True for failures of the connection or of contention, where trying again later may work:
   * lost connections, refused logins, deadlocks, lock and statement timeouts, shutdowns, exhausted
   * resources. Used to word the message; every such failure is already unavailable.
   */
  static boolean isTransient(SQLException e) {
    if (e instanceof SQLTransientException || e instanceof SQLRecoverableException
        || e instanceof SQLNonTransientConnectionException) {
      return true;
    }
    String state = e.getSQLState();
    if (state == null) {
      return false;
    }
    return state.startsWith("08") // connection exception
        || state.startsWith("40") // transaction rollback: serialization failure, deadlock
        || state.startsWith("53") // insufficient resources: too many connections, disk full
        || state.startsWith("57") // operator intervention: shutdown, query canceled
        || state.startsWith("58") // system error: I/O
        || state.equals("55P03") // PostgreSQL lock_not_available
        || state.equals("HYT00"); // H2 lock timeout
  }

  private static Optional<SQLException> sqlException(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        return Optional.of((SQLException) t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  private static String vendorOf(SQLException e) {
    return e.getClass().getName().startsWith("org.h2.") ? "H2" : "";
  }

  private static String message(Throwable failure) {
    Throwable root = sqlException(failure).map(Throwable.class::cast).orElse(failure);
    String text = root.getMessage();
    return text == null ? root.getClass().getSimpleName() : text;
  }
}
