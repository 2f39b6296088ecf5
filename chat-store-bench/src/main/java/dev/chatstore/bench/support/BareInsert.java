package dev.chatstore.bench.support;

import dev.chatstore.spi.Ids;
import dev.chatstore.spi.Times;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The floor an append is compared with: one plain JDBC INSERT of the row the store writes for a user
 * message (same table, columns, id kind, text, JSON values and timestamp type), committed on its own
 * (auto-commit) through a connection with the store's H2 URL, so the same durability settings. It
 * leaves out what the store adds: input checks, reserving the seq on the session row, and Jdbi. The
 * rows go at the end of the fixture's filler session.
 *
 * <p>{@link #withSessionUpdate} adds the store's other statement: the same transaction first bumps the
 * session row (next seq, count, updated at, preview) as the store's Appender does, then inserts at
 * the seq it got, then commits. The gap between the two is what the schema's design costs; the gap
 * from there to {@code append} is what the library adds. Not thread-safe.
 */
public final class BareInsert implements AutoCloseable {
  private final Connection connection;
  private final PreparedStatement insert;
  private final PreparedStatement bump;
  private final String sessionId;
  private final String toolCalls;
  private final String metadata;
  private long seq;

  private BareInsert(Connection connection, PreparedStatement insert, PreparedStatement bump, String sessionId,
      long firstSeq, String toolCalls, String metadata) {
    this.connection = connection;
    this.insert = insert;
    this.bump = bump;
    this.sessionId = sessionId;
    this.seq = firstSeq;
    this.toolCalls = toolCalls;
    this.metadata = metadata;
  }

  /** Connects to the H2 database in {@code folder} (an append fixture with a filler session). */
  public static BareInsert open(Path folder) {
    try {
      Connection c = DriverManager.getConnection(H2Bench.url(folder));
      c.setAutoCommit(true);
      String session;
      long next;
      try (var st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT id, next_seq FROM chatstore_sessions WHERE owner_id = 'bench-filler'")) {
        if (!rs.next()) {
          throw new IllegalStateException("the fixture in " + folder + " has no filler session");
        }
        session = rs.getString(1);
        next = rs.getLong(2);
      }
      String calls;
      String meta;
      // the JSON the store wrote for a plain user message, so the bare row is the same row
      try (var st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT tool_calls, metadata FROM chatstore_messages WHERE role = 'USER'"
              + " LIMIT 1")) {
        rs.next();
        calls = rs.getString(1);
        meta = rs.getString(2);
      }
      PreparedStatement ps = c.prepareStatement("INSERT INTO chatstore_messages (session_id, seq, id, role, status,"
          + " content, tool_calls, tool_result, metadata, created_at, updated_at)"
          + " VALUES (?, ?, ?, 'USER', 'COMPLETE', ?, ?, NULL, ?, ?, ?)");
      PreparedStatement bump = c.prepareStatement("SELECT next_seq, deleted_at FROM FINAL TABLE (UPDATE"
          + " chatstore_sessions SET next_seq = next_seq + 1, message_count = message_count + 1, updated_at = ?,"
          + " preview = ? WHERE id = ?)");
      return new BareInsert(c, ps, bump, session, next, calls, meta);
    } catch (SQLException e) {
      throw new IllegalStateException("could not prepare the bare insert in " + folder, e);
    }
  }

  /** Inserts and commits one row; returns the update count. */
  public int insertOne() {
    try {
      OffsetDateTime now = OffsetDateTime.ofInstant(Times.now(Clock.systemUTC()), ZoneOffset.UTC);
      return insert(seq++, now);
    } catch (SQLException e) {
      throw new IllegalStateException("bare insert failed", e);
    }
  }

  /** In one transaction: bumps the session row as the store does, inserts at the seq it got, commits. */
  public int withSessionUpdate() {
    try {
      connection.setAutoCommit(false);
      OffsetDateTime now = OffsetDateTime.ofInstant(Times.now(Clock.systemUTC()), ZoneOffset.UTC);
      bump.setObject(1, now, Types.TIMESTAMP_WITH_TIMEZONE);
      bump.setString(2, Texts.message()); // the preview: the store keeps up to 200 chars, the whole message here
      bump.setString(3, sessionId);
      long next;
      try (ResultSet rs = bump.executeQuery()) {
        rs.next();
        next = rs.getLong(1);
      }
      int n = insert(next - 1, now);
      connection.commit();
      return n;
    } catch (SQLException e) {
      throw new IllegalStateException("bare insert with session update failed", e);
    }
  }

  private int insert(long at, OffsetDateTime now) throws SQLException {
    insert.setString(1, sessionId);
    insert.setLong(2, at);
    insert.setString(3, Ids.next());
    insert.setString(4, Texts.message());
    insert.setString(5, toolCalls);
    insert.setString(6, metadata);
    insert.setObject(7, now, Types.TIMESTAMP_WITH_TIMEZONE);
    insert.setObject(8, now, Types.TIMESTAMP_WITH_TIMEZONE);
    return insert.executeUpdate();
  }

  @Override
  public void close() {
    try {
      insert.close();
      bump.close();
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
