package dev.chatstore.bench.support;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that reports to a {@link WriteLog} what the JDBC store makes durable: every write
 * transaction (a commit after a data-changing statement, or such a statement run in auto-commit
 * mode; read-only transactions are not counted) and, for
 * each commit, the streamed text it carried (the rows the store inserts into
 * {@code chatstore_stream_chunks}), stamped with the time the commit returned. It changes nothing
 * about what reaches the database. Thread-safe as far as the connections it wraps are.
 */
public final class ObservedDataSource implements DataSource {
  private static final String CHUNK_INSERT = "INSERT INTO CHATSTORE_STREAM_CHUNKS";
  // positions of message_id and chunk_text in the store's chunk INSERTs (JdbcStreamSink, GroupWrite)
  private static final int MESSAGE_ID_PARAM = 2;
  private static final int TEXT_PARAM = 4;

  private final DataSource delegate;
  private final WriteLog log;

  public ObservedDataSource(DataSource delegate, WriteLog log) {
    this.delegate = delegate;
    this.log = log;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return wrap(delegate.getConnection(username, password));
  }

  private Connection wrap(Connection c) throws SQLException {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        new ConnectionHandler(c, c.getAutoCommit()));
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return delegate.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return delegate.isWrapperFor(type);
  }

  private record Chunk(String messageId, int chars) {}

  /** One connection: tracks auto-commit and the chunk rows written in the open transaction. */
  private final class ConnectionHandler implements InvocationHandler {
    private final Connection target;
    private boolean autoCommit;
    private boolean changed; // a data-changing statement ran since the last commit or rollback
    private final List<Chunk> pending = new ArrayList<>();

    ConnectionHandler(Connection target, boolean autoCommit) {
      this.target = target;
      this.autoCommit = autoCommit;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      Object result = call(target, method, args);
      switch (name) {
        case "setAutoCommit" -> {
          boolean on = (Boolean) args[0];
          if (on && !autoCommit && changed) {
            committed(); // switching auto-commit on commits the open transaction
          }
          autoCommit = on;
        }
        case "commit" -> {
          if (changed) {
            committed();
          }
        }
        case "rollback", "close" -> {
          pending.clear();
          changed = false;
        }
        case "prepareStatement" -> {
          return statement((PreparedStatement) result, (String) args[0]);
        }
        default -> { }
      }
      return result;
    }

    private void committed() {
      long now = System.nanoTime();
      log.write();
      for (Chunk c : pending) {
        log.durable(c.messageId, c.chars, now);
      }
      pending.clear();
      changed = false;
    }

    private PreparedStatement statement(PreparedStatement ps, String sql) {
      String head = sql.stripLeading().toUpperCase(Locale.ROOT);
      boolean chunk = head.startsWith(CHUNK_INSERT);
      boolean changes = head.startsWith("INSERT") || head.startsWith("UPDATE") || head.startsWith("DELETE")
          || head.startsWith("MERGE") || head.contains(" FINAL TABLE (") || head.contains(" NEW TABLE (");
      if (!changes) {
        return ps;
      }
      InvocationHandler h = new InvocationHandler() {
        private String messageId;
        private int chars;

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
          String name = method.getName();
          if (chunk && name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
            if (i == MESSAGE_ID_PARAM) {
              messageId = String.valueOf(args[1]);
            } else if (i == TEXT_PARAM) {
              chars = String.valueOf(args[1]).length();
            }
          }
          Object result = call(ps, method, args);
          if (chunk && name.equals("addBatch")) { // a group of streams' flushes (GroupWrite)
            pending.add(new Chunk(messageId, chars));
          }
          if (name.startsWith("execute")) {
            if (chunk && !name.equals("executeBatch")) {
              pending.add(new Chunk(messageId, chars));
            }
            changed = true;
            if (autoCommit) {
              committed();
            }
          }
          return result;
        }
      };
      return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
          new Class<?>[] {PreparedStatement.class}, h);
    }
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
