package dev.chatstore.jdbc.internal;

import dev.chatstore.ChatSession;
import dev.chatstore.CorruptDataException;
import dev.chatstore.ForkOrigin;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.Role;
import dev.chatstore.SessionSummary;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.metadata.ChatMetadataCodec;
import dev.chatstore.metadata.JsonLimits;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.metadata.MessageMetadataCodec;
import dev.chatstore.spi.ToolJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads rows into the model's records. A row that does not decode (bad JSON, an unknown status, a
 * value a record refuses) is a {@link CorruptDataException} naming the table and key. Metadata is read
 * without the store's size limits: what was once stored stays readable if the limits are lowered.
 * Thread-safe.
 */
public final class Rows {
  /** The session columns {@link #session} reads. */
  public static final String SESSION_COLUMNS = "id, owner_id, project_id, title, metadata, state, created_at,"
      + " updated_at, message_count, version, deleted_at, forked_from_session, forked_from_message";
  /** The session columns {@link #summary} reads. */
  public static final String SUMMARY_COLUMNS =
      "id, owner_id, project_id, title, updated_at, message_count, preview, deleted_at";

  private static final JsonLimits READ_LIMITS = new JsonLimits(Integer.MAX_VALUE, 1000, Integer.MAX_VALUE);

  private final Dialect dialect;
  private final TextCodec text;
  private final ChatMetadataCodec chatCodec = new ChatMetadataCodec(READ_LIMITS);
  private final MessageMetadataCodec messageCodec = new MessageMetadataCodec(READ_LIMITS);

  public Rows(Db db) {
    this.dialect = db.dialect();
    this.text = db.text();
  }

  /** Message metadata as stored, without the store's size limits (for copies of stored messages). */
  public String encode(MessageMetadata metadata) {
    return messageCodec.encode(metadata);
  }

  /** The message columns {@link #message} reads, of table alias {@code m}, streamed text included. */
  public String messageColumns(String m) {
    return m + ".session_id, " + m + ".seq, " + m + ".id, " + m + ".role, " + m + ".status, " + m + ".content, "
        + m + ".tool_calls, " + m + ".tool_result, " + m + ".metadata, " + m + ".created_at, " + m + ".updated_at, "
        + dialect.streamedText(m) + " AS streamed";
  }

  public ChatSession session(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    String where = "chatstore_sessions id=" + id;
    try {
      String source = rs.getString("forked_from_session");
      String upTo = rs.getString("forked_from_message");
      Optional<ForkOrigin> forkedFrom = source == null ? Optional.empty() : Optional.of(new ForkOrigin(source, upTo));
      return new ChatSession(id, text.fromText(rs.getString("owner_id"), where),
          project(rs, where), text.fromText(rs.getString("title"), where),
          chatCodec.decode(text.jsonText(rs.getString("metadata"), where)),
          text.jsonText(rs.getString("state"), where),
          required(rs, "created_at", where), required(rs, "updated_at", where),
          rs.getLong("message_count"), rs.getLong("version"), Db.instant(rs, "deleted_at"), forkedFrom);
    } catch (InvalidInputException | IllegalArgumentException | DateTimeException e) {
      throw corrupt(where, e);
    }
  }

  public SessionSummary summary(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    String where = "chatstore_sessions id=" + id;
    try {
      return new SessionSummary(id, text.fromText(rs.getString("owner_id"), where), project(rs, where),
          text.fromText(rs.getString("title"), where), required(rs, "updated_at", where),
          rs.getLong("message_count"), text.fromText(rs.getString("preview"), where), Db.instant(rs, "deleted_at"));
    } catch (InvalidInputException | IllegalArgumentException | DateTimeException e) {
      throw corrupt(where, e);
    }
  }

  /** A message row read with {@link #messageColumns}: its content includes text streamed so far. */
  public Message message(ResultSet rs) throws SQLException {
    String sessionId = rs.getString("session_id");
    long seq = rs.getLong("seq");
    String where = "chatstore_messages session_id=" + sessionId + " seq=" + seq;
    try {
      String content = text.fromText(rs.getString("content"), where);
      String streamed = rs.getString("streamed");
      if (streamed != null) {
        content = content + text.fromText(streamed, where + " (stream chunks)");
      }
      String result = rs.getString("tool_result");
      Optional<ToolResult> toolResult = result == null ? Optional.empty() : Optional.of(toolResult(result, where));
      return new Message(rs.getString("id"), sessionId, seq, Role.valueOf(rs.getString("role")), content,
          MessageStatus.valueOf(rs.getString("status")), toolCalls(rs.getString("tool_calls"), where),
          toolResult, messageCodec.decode(text.jsonText(rs.getString("metadata"), where)),
          required(rs, "created_at", where), required(rs, "updated_at", where));
    } catch (InvalidInputException | IllegalArgumentException | DateTimeException | NullPointerException e) {
      throw corrupt(where, e);
    }
  }

  /** The calls of a stored {@code tool_calls} value; {@code where} names the row if it is not one. */
  public List<ToolCall> toolCalls(String stored, String where) {
    if ("[]".equals(stored)) {
      return List.of(); // most messages: no need to parse
    }
    return storedTool(where, () -> ToolJson.calls(text.tree(stored, where), "tool_calls"));
  }

  /** The result of a stored {@code tool_result} value; {@code where} names the row if it is not one. */
  public ToolResult toolResult(String stored, String where) {
    return storedTool(where, () -> ToolJson.result(text.tree(stored, where), "tool_result"));
  }

  /** What the tool codec refuses in stored data is damage to the row, not the caller's input. */
  private static <T> T storedTool(String where, Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidInputException e) {
      throw new CorruptDataException(where, e.getMessage(), e);
    }
  }

  private Optional<String> project(ResultSet rs, String where) throws SQLException {
    String project = rs.getString("project_id");
    return project == null ? Optional.empty() : Optional.of(text.fromText(project, where));
  }

  private static Instant required(ResultSet rs, String column, String where) throws SQLException {
    return Db.instant(rs, column).orElseThrow(() -> new CorruptDataException(where, column + " is NULL"));
  }

  private static CorruptDataException corrupt(String where, RuntimeException e) {
    return new CorruptDataException(where, e.getMessage() == null ? e.toString() : e.getMessage(), e);
  }
}
