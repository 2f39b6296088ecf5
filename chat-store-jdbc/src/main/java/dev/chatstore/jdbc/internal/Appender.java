package dev.chatstore.jdbc.internal;

import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.Role;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.spi.Previews;
import dev.chatstore.spi.Times;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.spi.ToolJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes new messages at the end of a session, inside the caller's transaction: first the session
 * row is bumped ({@code next_seq}, {@code message_count}, {@code updated_at}, preview) in one UPDATE,
 * which takes its row lock, so appenders of one session — threads, store instances, processes —
 * queue there for the few milliseconds of the transaction and each gets the next seqs, gap-free;
 * then the rows are inserted. The cost does not depend on how long the conversation already is:
 * an index lookup on the session's primary key and index inserts. Thread-safe.
 */
final class Appender {
  /** A message ready to write: validated, its metadata encoded. */
  record Row(String id, Role role, String content, MessageStatus status, List<ToolCall> toolCalls,
      Optional<ToolResult> toolResult, MessageMetadata metadata, String metadataJson, Optional<Instant> createdAt) {}

  private final StoreContext ctx;

  Appender(StoreContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Appends {@code rows} at the session's next seqs and returns them as stored. The preview becomes
   * the last row's content when {@code setPreview}, else stays (a stream's PENDING row leaves it).
   */
  List<Message> append(Handle h, String sessionId, List<Row> rows, boolean setPreview, Instant now) {
    long firstSeq = bump(h, sessionId, rows, setPreview, now);
    Dialect d = ctx.dialect();
    TextCodec text = ctx.text();
    PreparedBatch batch = h.prepareBatch("INSERT INTO chatstore_messages (session_id, seq, id, role, status, content,"
        + " tool_calls, tool_result, metadata, created_at, updated_at) VALUES (:session, :seq, :id, :role, :status,"
        + " :content, " + d.json(":calls") + ", " + d.json(":result") + ", " + d.json(":metadata")
        + ", :created, :updated)");
    List<Message> stored = new ArrayList<>(rows.size());
    long seq = firstSeq;
    for (Row r : rows) {
      Instant created = r.createdAt().map(Times::micros).orElse(now);
      batch.bind("session", sessionId)
          .bind("seq", seq)
          .bind("id", r.id())
          .bind("role", r.role().name())
          .bind("status", r.status().name())
          .bind("content", text.text(r.content()))
          .bind("calls", text.json(ToolJson.calls(r.toolCalls())))
          .bind("result", r.toolResult().map(t -> text.json(ToolJson.result(t))).orElse(null))
          .bind("metadata", text.json(r.metadataJson()))
          .bind("created", Db.at(created))
          .bind("updated", Db.at(created))
          .add();
      // A message is last written when it is created: an imported one keeps its time for both.
      stored.add(new Message(r.id(), sessionId, seq, r.role(), r.content(), r.status(), r.toolCalls(), r.toolResult(),
          r.metadata(), created, created));
      seq++;
    }
    try {
      batch.execute();
    } catch (JdbiException e) {
      if (SqlErrors.isDuplicateKey(e)) {
        throw new ConflictException(ConflictException.Reason.ALREADY_EXISTS,
            "session " + sessionId + " already holds a message with " + (rows.size() == 1
                ? "id " + rows.get(0).id() : "one of these ids"));
      }
      throw e;
    }
    return stored;
  }

  /** Reserves {@code rows.size()} seqs of the session, returning the first; throws if it cannot take them. */
  private long bump(Handle h, String sessionId, List<Row> rows, boolean setPreview, Instant now) {
    String preview = setPreview ? ", preview = :preview" : "";
    String update = "UPDATE chatstore_sessions SET next_seq = next_seq + :n, message_count = message_count + :n,"
        + " updated_at = :now" + preview + " WHERE id = :id";
    var query = h.createQuery(ctx.dialect().returning(update, "next_seq, deleted_at"))
        .bind("n", rows.size())
        .bind("now", Db.at(now))
        .bind("id", sessionId);
    if (setPreview) {
      query.bind("preview", ctx.text().text(Previews.of(rows.get(rows.size() - 1).content())));
    }
    Bumped bumped = query.map((rs, c) -> new Bumped(rs.getLong("next_seq"), rs.getObject("deleted_at") != null))
        .findOne()
        .orElseThrow(() -> new SessionNotFoundException(sessionId));
    if (bumped.deleted) {
      throw SessionDao.deleted(sessionId); // the transaction rolls back the bump
    }
    return bumped.nextSeq - rows.size();
  }

  private record Bumped(long nextSeq, boolean deleted) {}
}
