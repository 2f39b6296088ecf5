package dev.chatstore.jdbc.internal;

import dev.chatstore.ConflictException;
import dev.chatstore.CorruptDataException;
import dev.chatstore.MessageStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Streamed messages not yet ended, inside the caller's transaction: locking one or sessions, and
 * reading a message's chunks. Ending them is {@link GroupEnd}'s. Thread-safe.
 */
final class Unfinished {
  /** A message row locked for update: whether it still streams, and since when it is idle. */
  record Locked(MessageStatus status, Instant updatedAt) {}

  /** One chunk row: its number, text and how many tool calls its flush wrote. */
  record Chunk(int number, String text, int toolCalls) {}

  private final StoreContext ctx;

  Unfinished(StoreContext ctx) {
    this.ctx = ctx;
  }

  /** Locks the message's row; empty if there is no such message. */
  Optional<Locked> lock(Handle h, String sessionId, String messageId) {
    return h.createQuery("SELECT status, updated_at FROM chatstore_messages"
            + " WHERE session_id = :session AND id = :id FOR UPDATE")
        .bind("session", sessionId)
        .bind("id", messageId)
        .map((rs, c) -> locked(rs, sessionId, messageId))
        .findOne();
  }

  /** The status and updated_at columns of a message row. */
  static Locked locked(ResultSet rs, String sessionId, String messageId) throws SQLException {
    String where = "chatstore_messages session_id=" + sessionId + " id=" + messageId;
    return new Locked(GroupWrite.status(rs.getString("status"), where), Db.instant(rs, "updated_at")
        .orElseThrow(() -> new CorruptDataException(where, "updated_at is NULL")));
  }

  /** The conflict of writing to a message whose stream has ended with {@code status}. */
  static ConflictException ended(String sessionId, String messageId, MessageStatus status) {
    return new ConflictException(ConflictException.Reason.STREAM_CLOSED, "message " + messageId + " of session "
        + sessionId + " is " + status + ": its stream has ended (recovered by another store?)");
  }

  /**
   * Locks the sessions' rows, in id order, without changing them. Every transaction that writes to,
   * ends or removes a streamed message takes its session's row first: that is what keeps a flush
   * (which does not lock the message, see GroupWrite) from adding a chunk to a message another
   * transaction is ending. Sessions (in id order) before messages is also the one lock order, so
   * these transactions cannot deadlock one another.
   */
  static void lockSessions(Connection c, Collection<String> sessionIds) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("SELECT id FROM chatstore_sessions WHERE id = ? FOR UPDATE")) {
      for (String id : new TreeSet<>(sessionIds)) {
        lock.setString(1, id);
        lock.executeQuery().close();
      }
    }
  }

  /** The message's chunks numbered {@code from} or more, in order, text unescaped. */
  List<Chunk> chunks(Connection c, String sessionId, String messageId, int from) throws SQLException {
    String where = "chatstore_stream_chunks session_id=" + sessionId + " message_id=" + messageId;
    List<Chunk> chunks = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement("SELECT chunk_no, chunk_text, tool_call_count FROM"
        + " chatstore_stream_chunks WHERE session_id = ? AND message_id = ? AND chunk_no >= ? ORDER BY chunk_no")) {
      select.setString(1, sessionId);
      select.setString(2, messageId);
      select.setInt(3, from);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          chunks.add(new Chunk(rs.getInt("chunk_no"), ctx.text().fromText(rs.getString("chunk_text"), where),
              rs.getInt("tool_call_count")));
        }
      }
    }
    return chunks;
  }
}
