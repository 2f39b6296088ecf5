package dev.chatstore.jdbc.internal;

import dev.chatstore.ChatStoreException;
import dev.chatstore.CorruptDataException;
import dev.chatstore.UnavailableException;
import java.io.EOFException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Locale;
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
  /** H2's error code for a file whose header is not that of a database H2 can open. */
  private static final int H2_FILE_VERSION = 90048;
  /** H2's error code for an I/O failure, which opening a file shorter than a database header also is. */
  private static final int H2_IO = 90028;
  /** H2's error code for a database file another process holds. */
  private static final int H2_ALREADY_OPEN = 90020;
  /** Where the JDBC drivers and the pool the store uses live. */
  private static final List<String> DRIVER_PACKAGES = List.of("org.postgresql.", "org.h2.", "com.zaxxer.hikari.");

  private SqlErrors() {}

  /** The library exception for a failure while doing {@code what} (a short phrase). */
  public static ChatStoreException map(String what, Throwable failure) {
    if (failure instanceof ChatStoreException) {
      return (ChatStoreException) failure;
    }
    Optional<SQLException> sql = sqlException(failure);
    if (sql.isPresent() && isH2FileDamaged(sql.get())) {
      return new CorruptDataException("the H2 database file", sql.get().getMessage(), failure);
    }
    if (sql.isPresent() && sql.get().getErrorCode() == H2_ALREADY_OPEN && "H2".equals(vendorOf(sql.get()))) {
      return new UnavailableException(what + " failed: the H2 database is open in another process. Embedded H2"
          + " lets one process at a time use a database file, unless every process opens it with"
          + " JdbcSessionStore.h2Builder(folder).shareWithOtherProcesses() (H2's mixed mode, see the"
          + " chat-store-jdbc README); or use PostgreSQL: " + message(failure), failure);
    }
    String kind = sql.map(e -> isTransient(e) ? "the database is unreachable or busy" : "the database failed")
        .orElse(thrownByDriver(failure) ? "the database connection broke" : "the database failed");
    String state = sql.map(e -> " [SQLState " + e.getSQLState() + "]").orElse("");
    return new UnavailableException(what + " failed: " + kind + state + ": " + message(failure), failure);
  }

  /** True if {@code failure} is a unique or primary key violation. */
  public static boolean isDuplicateKey(Throwable failure) {
    return hasState(failure, "23505");
  }

  /**
   * True if {@code failure} is a violation of the unique index or constraint named {@code index}.
   * Both databases name it in the message (H2 in upper case; PostgreSQL in any server language), and
   * reading it there needs no driver class: the PostgreSQL driver is optional.
   */
  public static boolean isDuplicateKey(Throwable failure, String index) {
    if (!isDuplicateKey(failure)) {
      return false;
    }
    String name = index.toLowerCase(Locale.ROOT);
    Optional<SQLException> first = sqlException(failure);
    int guard = 0;
    for (SQLException e = first.orElse(null); e != null && guard < 100; e = e.getNextException(), guard++) {
      if (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains(name)) {
        return true;
      }
    }
    return false;
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

  /**
   * True if {@code failure} means the connection was lost or could not be made: SQLState class 08,
   * PostgreSQL's shutdowns (57P01 to 57P03, which pg_terminate_backend and a restart send), the JDBC
   * connection exceptions, or anything the driver or pool threw that is not an SQLException (a driver
   * whose connection broke under it may throw an AssertionError or an unchecked exception).
   */
  public static boolean isConnectionLost(Throwable failure) {
    if (thrownByDriver(failure)) {
      return true;
    }
    // Not every SQLTransientConnectionException: the pool throws one, without a state, when no
    // connection frees up in time, and replacing every connection then would only add to the load.
    return sqlException(failure).map(e -> e instanceof SQLRecoverableException
        || e instanceof SQLNonTransientConnectionException
        || (e.getSQLState() != null && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P"))))
        .orElse(false);
  }

  /**
   * True if {@code failure}, or a cause of it, is not an SQLException and was thrown by the JDBC
   * driver or the pool: the first frame of its stack outside the JDK is theirs.
   */
  public static boolean thrownByDriver(Throwable failure) {
    int guard = 0;
    for (Throwable t = failure; t != null && guard < 100; t = t.getCause(), guard++) {
      if (t instanceof SQLException) {
        return false;
      }
      for (StackTraceElement frame : t.getStackTrace()) {
        String type = frame.getClassName();
        if (!type.startsWith("java.") && !type.startsWith("javax.") && !type.startsWith("jdk.")
            && !type.startsWith("sun.")) {
          if (DRIVER_PACKAGES.stream().anyMatch(type::startsWith)) {
            return true;
          }
          break;
        }
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

  /**
   * True if H2 could not read its database file as one: damaged, of a format it does not know, or
   * too short to hold a database header (a text file named chat-store.mv.db, say, which H2 reports as
   * an I/O error caused by the end of the file).
   */
  private static boolean isH2FileDamaged(SQLException e) {
    if (!"H2".equals(vendorOf(e))) {
      return false;
    }
    int code = e.getErrorCode();
    if (code == H2_FILE_CORRUPTED || code == H2_FILE_VERSION) {
      return true;
    }
    int guard = 0;
    for (Throwable t = e; code == H2_IO && t != null && guard < 100; t = t.getCause(), guard++) {
      if (t instanceof EOFException) {
        return true;
      }
    }
    return false;
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
