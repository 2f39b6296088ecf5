package dev.chatstore.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code chatstore_stream_chunks} table: one row per flush of a stream still being written,
 * numbered per message, folded into the message's content when the stream ends. Owns the table's
 * SQL and reads its rows. Immutable and thread-safe.
 */
final class ChunkTable {
  /** Adds a chunk: session id, message id, chunk number, text (stored form), tool calls the flush wrote. */
  static final String INSERT = "INSERT INTO chatstore_stream_chunks"
      + " (session_id, message_id, chunk_no, chunk_text, tool_call_count) VALUES (?, ?, ?, ?, ?)";
  /** Removes a message's chunks: session id, message id. */
  static final String DELETE = "DELETE FROM chatstore_stream_chunks WHERE session_id = ? AND message_id = ?";
  private static final String SELECT_FROM = "SELECT chunk_no, chunk_text, tool_call_count"
      + " FROM chatstore_stream_chunks WHERE session_id = ? AND message_id = ? AND chunk_no >= ? ORDER BY chunk_no";

  /** One chunk row: its number, its text (unescaped) and how many tool calls its flush wrote. */
  record Chunk(int number, String text, int toolCalls) {}

  private final Dialect dialect;
  private final TextCodec text;

  ChunkTable(Dialect dialect, TextCodec text) {
    this.dialect = dialect;
    this.text = text;
  }

  /**
   * The text streamed into message {@code m} (a table alias) and not yet folded into its content:
   * its chunks joined in order, or NULL. Evaluated only for unfinished messages, in the same
   * statement as the row itself, so a reader never sees a row and chunks from either side of a
   * stream's end.
   */
  String streamedText(String m) {
    return "CASE WHEN " + m + ".status IN " + MessageTable.UNFINISHED + " THEN (SELECT "
        + dialect.concatInOrder("c.chunk_text", "c.chunk_no") + " FROM chatstore_stream_chunks c"
        + " WHERE c.session_id = " + m + ".session_id AND c.message_id = " + m + ".id) END";
  }

  /** The message's chunks numbered {@code from} or more, in order. An index range read, usually of nothing. */
  List<Chunk> read(Connection c, String sessionId, String messageId, int from) throws SQLException {
    String where = "chatstore_stream_chunks session_id=" + sessionId + " message_id=" + messageId;
    List<Chunk> chunks = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(SELECT_FROM)) {
      select.setString(1, sessionId);
      select.setString(2, messageId);
      select.setInt(3, from);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          chunks.add(new Chunk(rs.getInt("chunk_no"), text.fromText(rs.getString("chunk_text"), where),
              rs.getInt("tool_call_count")));
        }
      }
    }
    return chunks;
  }
}
