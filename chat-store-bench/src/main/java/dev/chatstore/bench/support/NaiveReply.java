package dev.chatstore.bench.support;

import dev.chatstore.spi.Ids;
import dev.chatstore.spi.Times;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The ceiling streaming must beat: a reply persisted the naive way, one UPDATE per token writing the
 * whole content so far, each committed on its own (auto-commit), through plain JDBC on the store's
 * tables and H2 URL. The message row is inserted PENDING first and marked COMPLETE at the end, like
 * the store's. Each token is durable when its UPDATE returns; that moment goes to the
 * {@link WriteLog} so lags are computed as for the store. One instance per connection; not
 * thread-safe.
 */
public final class NaiveReply {
  private final Connection connection;
  private final String sessionId;
  private final PreparedStatement insert;
  private final PreparedStatement update;
  private final PreparedStatement finish;
  private long seq;

  /** Prepares statements on {@code connection} (auto-commit) for replies into {@code sessionId}. */
  public NaiveReply(Connection connection, String sessionId) throws SQLException {
    this.connection = connection;
    this.sessionId = sessionId;
    connection.setAutoCommit(true);
    try (PreparedStatement ps = connection.prepareStatement("SELECT next_seq FROM chatstore_sessions WHERE id = ?")) {
      ps.setString(1, sessionId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        seq = rs.getLong(1);
      }
    }
    insert = connection.prepareStatement("INSERT INTO chatstore_messages (session_id, seq, id, role, status, content,"
        + " tool_calls, tool_result, metadata, created_at, updated_at)"
        + " VALUES (?, ?, ?, 'ASSISTANT', 'PENDING', '', '[]', NULL, '{}', ?, ?)");
    update = connection.prepareStatement("UPDATE chatstore_messages SET content = ?, status = 'STREAMING',"
        + " updated_at = ? WHERE session_id = ? AND id = ?");
    finish = connection.prepareStatement("UPDATE chatstore_messages SET status = 'COMPLETE', updated_at = ?"
        + " WHERE session_id = ? AND id = ?");
  }

  /** Streams one reply of {@code tokens} tokens at full speed. */
  public void stream(int tokens, WriteLog log, StreamRecorder recorder) throws SQLException {
    String id = Ids.next();
    insert.setString(1, sessionId);
    insert.setLong(2, seq++);
    insert.setString(3, id);
    insert.setObject(4, now(), Types.TIMESTAMP_WITH_TIMEZONE);
    insert.setObject(5, now(), Types.TIMESTAMP_WITH_TIMEZONE);
    insert.executeUpdate();
    ReplyTrace trace = recorder.trace(id, tokens);
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < tokens; i++) {
      String token = Texts.token(i);
      if (trace != null) {
        trace.token(token.length());
      }
      content.append(token);
      update.setString(1, content.toString());
      update.setObject(2, now(), Types.TIMESTAMP_WITH_TIMEZONE);
      update.setString(3, sessionId);
      update.setString(4, id);
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("naive update found no row");
      }
      log.durable(id, token.length(), System.nanoTime());
    }
    finish.setObject(1, now(), Types.TIMESTAMP_WITH_TIMEZONE);
    finish.setString(2, sessionId);
    finish.setString(3, id);
    finish.executeUpdate();
    if (trace != null) {
      trace.done();
    }
    Replies.check(content.length(), tokens);
    recorder.finished(trace);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.ofInstant(Times.now(Clock.systemUTC()), ZoneOffset.UTC);
  }

  /** Closes the statements and the connection. */
  public void close() throws SQLException {
    insert.close();
    update.close();
    finish.close();
    connection.close();
  }
}
