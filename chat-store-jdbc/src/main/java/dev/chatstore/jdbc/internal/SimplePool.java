package dev.chatstore.jdbc.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A small connection pool for stores built from a JDBC URL, so the library needs no pool library:
 * at most {@code maxSize} connections, idle ones reused newest first, a connection that may have
 * broken (after any failure, or after a long idle) checked with {@code isValid} before reuse.
 * Hosts that want more (metrics, leak detection) pass their own pooled DataSource instead.
 *
 * <p>Thread-safe. {@link #getConnection()} throws {@link SQLException} when the database refuses a
 * new connection, or {@link SQLTransientConnectionException} when none frees up in time.
 */
public final class SimplePool implements DataSource, AutoCloseable {
  /** How long {@link #getConnection()} waits for a free connection. */
  static final long BORROW_TIMEOUT_SECONDS = 30;
  /** An idle connection older than this is validated before reuse (a server may have dropped it). */
  private static final long VALIDATE_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final String url;
  private final Properties properties;
  private final Semaphore permits;
  private final Deque<Idle> idle = new ArrayDeque<>(); // guarded by this
  private long generation; // guarded by this; bumped by suspectAll()
  private boolean closed; // guarded by this

  public SimplePool(String url, Properties properties, int maxSize) {
    this.url = url;
    this.properties = properties;
    this.permits = new Semaphore(maxSize, true);
  }

  /** A pool for {@code url}, logging in as {@code user} with {@code password} unless they are empty. */
  public static SimplePool of(String url, String user, String password, int maxSize) {
    Properties p = new Properties();
    if (!user.isEmpty()) {
      p.setProperty("user", user);
    }
    if (!password.isEmpty()) {
      p.setProperty("password", password);
    }
    return new SimplePool(url, p, maxSize);
  }

  @Override
  public Connection getConnection() throws SQLException {
    boolean acquired;
    try {
      acquired = permits.tryAcquire(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException("interrupted while waiting for a connection", "08001", e);
    }
    if (!acquired) {
      throw new SQLTransientConnectionException(
          "no connection became free within " + BORROW_TIMEOUT_SECONDS + " s", "08001");
    }
    try {
      return wrap(takeHealthyOrOpen());
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  /**
   * Marks every pooled connection for a check before its next use: called after a failure, which
   * may mean the server restarted and every connection to it is dead.
   */
  public synchronized void suspectAll() {
    generation++;
  }

  /** Closes the idle connections and refuses new borrows; connections in use close when returned. */
  @Override
  public void close() {
    Deque<Idle> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    toClose.forEach(i -> closeQuietly(i.connection));
  }

  private Connection takeHealthyOrOpen() throws SQLException {
    while (true) {
      Idle candidate;
      long current;
      synchronized (this) {
        if (closed) {
          throw new SQLTransientConnectionException("the store's connection pool is closed", "08003");
        }
        candidate = idle.pollFirst();
        current = generation;
      }
      if (candidate == null) {
        return DriverManager.getConnection(url, properties);
      }
      boolean check = candidate.generation != current
          || System.nanoTime() - candidate.returnedNanos > VALIDATE_AFTER_IDLE_NANOS;
      if (!check || isValid(candidate.connection)) {
        return candidate.connection;
      }
      closeQuietly(candidate.connection);
    }
  }

  private void giveBack(Connection real) {
    try {
      boolean reusable = !real.isClosed();
      if (reusable && !real.getAutoCommit()) {
        real.rollback(); // never hand on a transaction left open
        real.setAutoCommit(true);
      }
      synchronized (this) {
        if (reusable && !closed) {
          idle.addFirst(new Idle(real, System.nanoTime(), generation));
          return;
        }
      }
      closeQuietly(real);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(real);
    } finally {
      permits.release();
    }
  }

  private static boolean isValid(Connection connection) {
    try {
      return connection.isValid(2);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      // already broken: nothing more to release
    }
  }

  private Connection wrap(Connection real) {
    return (Connection) Proxy.newProxyInstance(SimplePool.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new Lease(real));
  }

  private record Idle(Connection connection, long returnedNanos, long generation) {}

  /** One borrowing of a connection: close() gives it back once; later calls fail as on a closed one. */
  private final class Lease implements InvocationHandler {
    private final Connection real;
    private boolean returned; // guarded by this

    Lease(Connection real) {
      this.real = real;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      synchronized (this) {
        if (name.equals("close")) {
          if (!returned) {
            returned = true;
            giveBack(real);
          }
          return null;
        }
        if (name.equals("isClosed")) {
          return returned || real.isClosed();
        }
        if (returned) {
          throw new SQLException("this connection was given back to the pool", "08003");
        }
      }
      if (name.equals("equals")) {
        return proxy == args[0];
      }
      if (name.equals("hashCode")) {
        return System.identityHashCode(proxy);
      }
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  // ---- the rest of DataSource, unused by the store --------------------------------------------

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool logs in with the credentials it was built with");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // no logging of its own
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // the driver's own timeout applies
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no java.util.logging here");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
