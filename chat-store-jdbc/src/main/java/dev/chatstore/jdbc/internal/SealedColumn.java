package dev.chatstore.jdbc.internal;

import dev.chatstore.spi.CipherScope;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * One column the store seals, as a key rotation sees it: its table, the key columns that name a row
 * (session id first), whether it holds JSON, and the scope each row's value is bound to. {@link #ALL}
 * is every value column the store seals. Immutable.
 */
record SealedColumn(String table, List<String> keys, String column, boolean json, ScopeOf scope) {
  /** The scope of a row's value, from its key columns (the first columns of the row). */
  @FunctionalInterface
  interface ScopeOf {
    CipherScope of(ResultSet row) throws SQLException;
  }

  private static final List<String> SESSION = List.of("id");
  private static final List<String> MESSAGE = List.of("session_id", "id");
  private static final List<String> CHUNK = List.of("session_id", "message_id", "chunk_no");
  private static final List<String> REVISION = List.of("session_id", "message_id", "revision_no");

  static final List<SealedColumn> ALL = List.of(
      session("title", false), session("metadata", true), session("state", true), session("preview", false),
      message("content", false), message("body", false), message("tool_calls", true),
      message("tool_result", true), message("metadata", true),
      new SealedColumn("chatstore_stream_chunks", CHUNK, "chunk_text", false,
          rs -> MessageTable.scope(rs.getString(1), rs.getString(2), ChunkTable.field(rs.getInt(3), "text"))),
      new SealedColumn("chatstore_stream_chunks", CHUNK, "extras", false,
          rs -> MessageTable.scope(rs.getString(1), rs.getString(2), ChunkTable.field(rs.getInt(3), "extras"))),
      revision("content"), revision("body"), revision("author"));

  private static SealedColumn session(String column, boolean json) {
    return new SealedColumn("chatstore_sessions", SESSION, column, json,
        rs -> SessionTable.scope(rs.getString(1), column));
  }

  private static SealedColumn message(String column, boolean json) {
    return new SealedColumn("chatstore_messages", MESSAGE, column, json,
        rs -> MessageTable.scope(rs.getString(1), rs.getString(2), column));
  }

  private static SealedColumn revision(String part) {
    return new SealedColumn("chatstore_message_revisions", REVISION, part, false,
        rs -> RevisionTable.scope(rs.getString(1), rs.getString(2), rs.getInt(3), part));
  }

  /** The column's text as SQL compares it: a jsonb column cast to text on PostgreSQL. */
  String asText() {
    return "CAST(" + column + " AS VARCHAR)";
  }

  /** How a value sealed with {@code keyId} starts in this column (a JSON string's quote first). */
  String prefix(String keyId) {
    return (json ? "\"" : "") + Sealer.SEALED_PREFIX + keyId + ":";
  }

  /**
   * The rows whose value is not sealed with the current key, with one parameter for that key's
   * {@link #prefix} length and one for the prefix itself (compared with LEFT, not LIKE, whose wildcards
   * a key id may hold: {@code _}); for a JSON column, one more for each of the {@code empties} JSON
   * values the store keeps in clear ({@link Sealer#emptyValues}), which are never stale.
   */
  String stale(Dialect dialect, int empties) {
    String sql = column + " IS NOT NULL AND LEFT(" + asText() + ", ?) <> ?";
    if (!json || empties == 0) {
      return sql;
    }
    return sql + " AND " + column + " NOT IN (" + String.join(", ", Collections.nCopies(empties, dialect.json("?")))
        + ")";
  }

  /** Binds the parameters of {@link #stale} from {@code at}; the next free parameter's index. */
  int bindStale(PreparedStatement statement, int at, String keyId, List<String> empties) throws SQLException {
    String prefix = prefix(keyId);
    int p = at;
    statement.setInt(p++, prefix.length());
    statement.setString(p++, prefix);
    if (json) {
      for (String empty : empties) {
        statement.setString(p++, empty);
      }
    }
    return p;
  }

  String keyList() {
    return String.join(", ", keys);
  }
}
