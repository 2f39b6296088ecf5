package dev.chatstore.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that fails on demand, as a network or a database does: refusing new connections, or
 * losing the connection at a chosen point of a transaction (before a statement whose SQL starts with
 * a prefix, or just after a commit reached the database but before its answer came back). It can
 * also hold every commit until released, and counts commits. Thread-safe.
 */
final class FlakyDataSource implements DataSource {
  private final DataSource delegate;
  private final AtomicBoolean refuse = new AtomicBoolean();
  private final AtomicReference<String> failBeforeStatement = new AtomicReference<>();
  private final AtomicBoolean failAfterCommit = new AtomicBoolean();
  private final AtomicBoolean failAfterGroupCommit = new AtomicBoolean();
  private final AtomicInteger commits = new AtomicInteger();
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicInteger droppedGroupCommits = new AtomicInteger();
  private volatile CountDownLatch commitGate;

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

  /**
   * The next commit of a transaction that inserted two or more stream chunks (only a group write of
   * several streams does) happens, but its caller hears that the connection dropped.
   */
  void dropAfterNextGroupCommit() {
    failAfterGroupCommit.set(true);
  }

  /** Every commit from now on waits, before reaching the database, until {@link #releaseCommits}. */
  void holdCommits() {
    commitGate = new CountDownLatch(1);
  }

  void releaseCommits() {
    CountDownLatch gate = commitGate;
    commitGate = null;
    if (gate != null) {
      gate.countDown();
    }
  }

  /** How many commits wait at the gate right now. */
  int heldCommits() {
    return held.get();
  }

  /** How many group commits {@link #dropAfterNextGroupCommit} made look lost. */
  int droppedGroupCommits() {
    return droppedGroupCommits.get();
  }

  /** How many commits returned (dropped answers included). */
  int commits() {
    return commits.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (refuse.get()) {
      throw new SQLNonTransientConnectionException("connection refused (test)", "08001");
    }
    Connection real = delegate.getConnection();
    AtomicInteger chunkInserts = new AtomicInteger(); // in this connection's open transaction
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
          if (name.equals("commit")) {
            awaitGate();
          }
          Object result;
          try {
            result = method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (name.equals("prepareStatement") && args[0] instanceof String sql
              && sql.startsWith("INSERT INTO chatstore_stream_chunks")) {
            return countingRows((PreparedStatement) result, chunkInserts);
          }
          if (name.equals("commit") || name.equals("rollback")) {
            boolean group = chunkInserts.getAndSet(0) >= 2;
            if (name.equals("commit")) {
              commits.incrementAndGet();
              if (failAfterCommit.compareAndSet(true, false)) {
                throw dropped();
              }
              if (group && failAfterGroupCommit.compareAndSet(true, false)) {
                droppedGroupCommits.incrementAndGet();
                throw dropped();
              }
            }
          }
          return result;
        });
  }

  /** The statement, counting into {@code rows} each row it is given to write (batched or not). */
  private static PreparedStatement countingRows(PreparedStatement statement, AtomicInteger rows) {
    return (PreparedStatement) Proxy.newProxyInstance(FlakyDataSource.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("addBatch") || (name.startsWith("execute") && !name.equals("executeBatch"))) {
            rows.incrementAndGet();
          }
          try {
            return method.invoke(statement, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private void awaitGate() throws SQLException {
    CountDownLatch gate = commitGate;
    if (gate == null) {
      return;
    }
    held.incrementAndGet();
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while held (test)", e);
    } finally {
      held.decrementAndGet();
    }
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
