package dev.chatstore.jdbc.internal;

import dev.chatstore.ChatStoreException;
import dev.chatstore.UnavailableException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.Argument;

/**
 * The store's way into the database: short transactions and single reads on pooled connections,
 * every failure turned into the library's exceptions by {@link SqlErrors}. A transaction that throws
 * is rolled back, so a refused or failed call leaves nothing half-written. Thread-safe.
 */
public final class Db {
  /** Work done with a handle; may throw the library's exceptions, Jdbi's, or plain JDBC's. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Handle handle) throws SQLException;
  }

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final TextCodec text;
  private final Consumer<Throwable> onFailure;
  private final AtomicBoolean closed = new AtomicBoolean();

  public Db(Jdbi jdbi, Dialect dialect) {
    this(jdbi, dialect, failure -> { });
  }

  /**
   * {@code onFailure} hears every database failure (the store's own pool then replaces its
   * connections if the failure lost one).
   */
  public Db(Jdbi jdbi, Dialect dialect, Consumer<Throwable> onFailure) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.text = new TextCodec(dialect);
    this.onFailure = onFailure;
  }

  public Dialect dialect() {
    return dialect;
  }

  public TextCodec text() {
    return text;
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  public <T> T inTransaction(String what, Work<T> work) {
    requireOpen();
    try {
      return jdbi.inTransaction(work::run);
    } catch (JdbiException | SQLException e) {
      throw failed(what, e);
    } catch (RuntimeException | AssertionError e) {
      if (!fromDriver(e)) {
        throw e;
      }
      throw failed(what, e);
    }
  }

  /** Runs read-only {@code work} on one connection, each statement on its own. */
  public <T> T read(String what, Work<T> work) {
    requireOpen();
    try {
      return jdbi.withHandle(work::run);
    } catch (JdbiException | SQLException e) {
      throw failed(what, e);
    } catch (RuntimeException | AssertionError e) {
      if (!fromDriver(e)) {
        throw e;
      }
      throw failed(what, e);
    }
  }

  private ChatStoreException failed(String what, Throwable failure) {
    onFailure.accept(failure);
    return SqlErrors.map(what, failure);
  }

  /**
   * True if {@code e}, not an SQLException, came from the driver or the pool: the database failing
   * too. pgjdbc, for one, can fail an assertion (under -ea) or throw an unchecked exception when its
   * connection is cut in the middle of a batch. The library's own exceptions, and a bug of ours, are
   * not.
   */
  private static boolean fromDriver(Throwable e) {
    return !(e instanceof ChatStoreException) && SqlErrors.thrownByDriver(e);
  }

  /** Refuses every later call; the connections themselves belong to whoever made the DataSource. */
  public void close() {
    closed.set(true);
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new UnavailableException("the store is closed");
    }
  }

  // ---- timestamps: bound and read as OffsetDateTime in UTC, exact to the microsecond on both databases

  /** {@code instant} as a TIMESTAMP WITH TIME ZONE parameter. */
  public static Argument at(Instant instant) {
    return (position, statement, ctx) -> setAt(statement, position, instant);
  }

  /** Binds {@code instant} as {@link #at(Instant)} does, on a plain JDBC statement. */
  public static void setAt(PreparedStatement statement, int position, Instant instant) throws SQLException {
    statement.setObject(position, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
  }

  /** An optional instant as a parameter, NULL when empty. */
  public static Argument at(Optional<Instant> instant) {
    return instant.isPresent() ? at(instant.get())
        : (position, statement, ctx) -> statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
  }

  /** The instant in a TIMESTAMP WITH TIME ZONE column, empty for NULL. */
  public static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? Optional.empty() : Optional.of(value.toInstant());
  }
}
