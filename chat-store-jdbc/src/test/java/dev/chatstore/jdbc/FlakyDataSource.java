package dev.chatstore.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that fails on demand, as a network or a database does: refusing new connections, or
 * losing the connection at a chosen point of a transaction (before a statement whose SQL starts with
 * a prefix, or just after a commit reached the database but before its answer came back).
 * Thread-safe.
 */
final class FlakyDataSource implements DataSource {
  private final DataSource delegate;
  private final AtomicBoolean refuse = new AtomicBoolean();
  private final AtomicReference<String> failBeforeStatement = new AtomicReference<>();
  private final AtomicBoolean failAfterCommit = new AtomicBoolean();

  FlakyDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  /** Refuses (true) or accepts again (false) every new connection. */
  void refuseConnections(boolean refuse) {
    this.refuse.set(refuse);
  }

  /** The next statement whose SQL starts with {@code prefix} fails as if the connection dropped. */
  void dropBeforeStatement(String prefix) {
    failBeforeStatement.set(prefix);
  }

  /** The next commit happens, but its caller hears that the connection dropped. */
  void dropAfterNextCommit() {
    failAfterCommit.set(true);
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (refuse.get()) {
      throw new SQLNonTransientConnectionException("connection refused (test)", "08001");
    }
    Connection real = delegate.getConnection();
    return (Connection) Proxy.newProxyInstance(FlakyDataSource.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("prepareStatement") && args != null && args[0] instanceof String sql) {
            String prefix = failBeforeStatement.get();
            if (prefix != null && sql.stripLeading().startsWith(prefix)
                && failBeforeStatement.compareAndSet(prefix, null)) {
              throw dropped();
            }
          }
          Object result;
          try {
            result = method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (name.equals("commit") && failAfterCommit.compareAndSet(true, false)) {
            throw dropped();
          }
          return result;
        });
  }

  private static SQLException dropped() {
    return new SQLRecoverableException("connection reset (test)", "08006");
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}
