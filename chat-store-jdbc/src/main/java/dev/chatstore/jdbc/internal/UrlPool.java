package dev.chatstore.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The connection pool of a store built from a JDBC URL: HikariCP, at most {@code maxSize}
 * connections, opened as they are needed and one kept. A host's own DataSource is never wrapped in it.
 *
 * <p>Thread-safe. Opening throws HikariCP's {@code PoolInitializationException} (its cause the
 * driver's SQLException) when the first connection cannot be made; the store maps it.
 */
final class UrlPool implements AutoCloseable {
  /** How long a call waits for a free connection (or, while the database is away, for a new one). */
  static final long BORROW_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(30);

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final HikariDataSource pool;

  private UrlPool(HikariDataSource pool) {
    this.pool = pool;
  }

  /** A started pool for {@code url}, logging in as {@code user} with {@code password} unless empty. */
  static UrlPool open(String url, String user, String password, int maxSize) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("chat-store-" + POOLS.incrementAndGet());
    config.setJdbcUrl(url);
    if (!user.isEmpty()) {
      config.setUsername(user);
    }
    if (!password.isEmpty()) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(maxSize);
    // One connection stays open: for H2 it also keeps the embedded database open between calls.
    config.setMinimumIdle(1);
    config.setConnectionTimeout(BORROW_TIMEOUT_MILLIS);
    config.setAutoCommit(true); // the store runs its own short transactions
    if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
      // No server drops an embedded connection, and retiring the last one would close the database
      // (H2 closes it with its last connection) only to open it again.
      config.setMaxLifetime(0);
    }
    return new UrlPool(new HikariDataSource(config));
  }

  DataSource dataSource() {
    return pool;
  }

  /**
   * Called after any failure: if it lost the connection, the database may have restarted and every
   * pooled connection to it be dead, so each is replaced (idle ones now, busy ones when given back).
   */
  void afterFailure(Throwable failure) {
    if (SqlErrors.isConnectionLost(failure) && !pool.isClosed()) {
      pool.getHikariPoolMXBean().softEvictConnections();
    }
  }

  /** Closes every connection; calls still running get theirs closed under them. */
  @Override
  public void close() {
    pool.close();
  }
}
