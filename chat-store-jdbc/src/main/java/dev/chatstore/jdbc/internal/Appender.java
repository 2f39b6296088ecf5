package dev.chatstore.jdbc.internal;

import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.spi.MessageBody;
import dev.chatstore.spi.Previews;
import dev.chatstore.spi.Times;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Writes new messages at the end of a session, inside the caller's transaction: first the session
 * row is bumped ({@code next_seq}, {@code message_count}, {@code updated_at}, preview) in one UPDATE,
 * which takes its row lock, so appenders of one session — threads, store instances, processes —
 * queue there for the few milliseconds of the transaction and each gets the next seqs, gap-free;
 * then the rows are inserted. The cost does not depend on how long the conversation already is:
 * an index lookup on the session's primary key and index inserts. Thread-safe.
 */
final class Appender {
  /**
   * A message ready to write: validated, its metadata encoded; {@code body} is what it says (parts,
   * attributes, name).
   */
  record Row(String id, Role role, MessageBody body, MessageStatus status, List<ToolCall> toolCalls,
      List<ToolResult> toolResults, MessageMetadata metadata, String metadataJson, Optional<Instant> createdAt) {
    /** The row of an appended message, with its metadata as stored ({@code metadataJson}) and decoded. */
    static Row of(NewMessage m, MessageMetadata metadata, String metadataJson) {
      return new Row(m.id(), m.role(), MessageBody.of(m), m.status(), m.toolCalls(), m.toolResults(), metadata,
          metadataJson, m.createdAt());
    }

    /** The PENDING row a stream begins with: no text, no tool calls, the options' metadata. */
    static Row pending(String messageId, StreamOptions options, MessageMetadata metadata, String metadataJson) {
      return new Row(messageId, options.role(), MessageBody.plain(""), MessageStatus.PENDING, List.of(),
          List.of(), metadata, metadataJson, Optional.empty());
    }

    /** The message as stored at {@code seq}: last written when created (an imported one keeps its time). */
    Message at(String sessionId, long seq, Instant now) {
      Instant created = createdAt.map(Times::micros).orElse(now);
      return new Message(id, sessionId, seq, role, body.parts(), status, toolCalls, toolResults, metadata,
          body.attributesJson(), body.name(), created, created);
    }
  }

  private final JdbcContext ctx;

  Appender(JdbcContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Appends {@code rows} at the session's next seqs and returns them as stored. The preview becomes
   * the last row's content when {@code setPreview}, else stays (a stream's PENDING row leaves it).
   */
  List<Message> append(Handle h, String sessionId, List<Row> rows, boolean setPreview, Instant now)
      throws SQLException {
    Optional<String> preview = setPreview ? Optional.of(Previews.of(rows.get(rows.size() - 1).body().content()))
        : Optional.empty();
    SessionTable.Reserved reserved = ctx.sessionTable().reserve(h, sessionId, rows.size(), preview, now)
        .orElseThrow(() -> new SessionNotFoundException(sessionId));
    if (reserved.deleted()) {
      throw SessionDao.deleted(sessionId); // the transaction rolls back the reservation
    }
    MessageTable table = ctx.messageTable();
    List<Message> stored = new ArrayList<>(rows.size());
    long seq = reserved.nextSeq() - rows.size();
    try (PreparedStatement insert = h.getConnection().prepareStatement(table.insert)) {
      for (Row r : rows) {
        Message m = r.at(sessionId, seq++, now);
        table.addInsert(insert, m, r.metadataJson());
        stored.add(m);
      }
      insert.executeBatch();
    } catch (SQLException e) {
      if (SqlErrors.isDuplicateKey(e)) {
        throw new ConflictException(ConflictException.Reason.ALREADY_EXISTS,
            "session " + sessionId + " already holds a message with " + (rows.size() == 1
                ? "id " + rows.get(0).id() : "one of these ids"));
      }
      throw e;
    }
    return stored;
  }
}
