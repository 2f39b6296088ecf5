package dev.chatstore.jdbc.internal;

import dev.chatstore.ConflictException;
import dev.chatstore.CorruptDataException;
import dev.chatstore.Message;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.MessageStatus;
import dev.chatstore.ToolCall;
import dev.chatstore.internal.Previews;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Streamed messages on their way to a final status, inside the caller's transaction: locking one,
 * reading its chunks, and folding them into the content when the stream ends (by the stream itself,
 * by recovery, or by an update setting a final status). Folding writes the whole content once, at
 * the end; until then each flush only added a chunk row. Thread-safe.
 */
final class Unfinished {
  /** A message row locked for update: what ending its stream needs. */
  record Locked(long seq, MessageStatus status, String content, List<ToolCall> toolCalls, Instant updatedAt) {}

  /** One chunk row: its number, text and how many tool calls its flush wrote. */
  record Chunk(int number, String text, int toolCalls) {}

  private final StoreContext ctx;

  Unfinished(StoreContext ctx) {
    this.ctx = ctx;
  }

  /** Locks the message's row; empty if there is no such message. */
  Optional<Locked> lock(Handle h, String sessionId, String messageId) {
    String where = "chatstore_messages session_id=" + sessionId + " id=" + messageId;
    return h.createQuery("SELECT seq, status, content, tool_calls, updated_at FROM chatstore_messages"
            + " WHERE session_id = :session AND id = :id FOR UPDATE")
        .bind("session", sessionId)
        .bind("id", messageId)
        .map((rs, c) -> {
          try {
            return new Locked(rs.getLong("seq"), MessageStatus.valueOf(rs.getString("status")),
                ctx.text().fromText(rs.getString("content"), where),
                ToolJson.calls(ctx.text().tree(rs.getString("tool_calls"), where)),
                Db.instant(rs, "updated_at").orElseThrow());
          } catch (IllegalArgumentException | NoSuchElementException e) {
            throw new CorruptDataException(where, String.valueOf(e.getMessage()), e);
          }
        })
        .findOne();
  }

  /** Locks a message that must still be streaming: not found, or STREAM_CLOSED if it has ended. */
  Locked lockStreaming(Handle h, String sessionId, String messageId) {
    Locked locked = lock(h, sessionId, messageId)
        .orElseThrow(() -> new MessageNotFoundException(sessionId, messageId));
    if (locked.status().isFinal()) {
      throw ended(sessionId, messageId, locked.status());
    }
    return locked;
  }

  /** The conflict of writing to a message whose stream has ended with {@code status}. */
  static ConflictException ended(String sessionId, String messageId, MessageStatus status) {
    return new ConflictException(ConflictException.Reason.STREAM_CLOSED, "message " + messageId + " of session "
        + sessionId + " is " + status + ": its stream has ended (recovered by another store?)");
  }

  /**
   * Locks the session's row. Every transaction that writes to, ends or removes a streamed message
   * takes its session's row first: that is what keeps a flush (which does not lock the message, see
   * GroupWrite) from adding a chunk to a message another transaction is ending. Sessions before
   * messages is also the one lock order, so these transactions cannot deadlock one another.
   */
  void lockSession(Handle h, String sessionId) {
    h.createQuery("SELECT id FROM chatstore_sessions WHERE id = :id FOR UPDATE")
        .bind("id", sessionId)
        .mapTo(String.class)
        .findOne();
  }

  /** The message's chunks in order, text unescaped. */
  List<Chunk> chunks(Handle h, String sessionId, String messageId) {
    return chunks(h, sessionId, messageId, 1);
  }

  /** The message's chunks numbered {@code from} or more, in order. */
  List<Chunk> chunks(Handle h, String sessionId, String messageId, int from) {
    String where = "chatstore_stream_chunks session_id=" + sessionId + " message_id=" + messageId;
    return h.createQuery("SELECT chunk_no, chunk_text, tool_call_count FROM chatstore_stream_chunks"
            + " WHERE session_id = :session AND message_id = :id AND chunk_no >= :from ORDER BY chunk_no")
        .bind("session", sessionId)
        .bind("id", messageId)
        .bind("from", from)
        .map((rs, c) -> new Chunk(rs.getInt("chunk_no"), ctx.text().fromText(rs.getString("chunk_text"), where),
            rs.getInt("tool_call_count")))
        .list();
  }

  /**
   * Ends a locked message's stream: content = stored content + chunks + {@code text}, calls = stored
   * calls + {@code calls}, the final {@code status}, and {@code metadataJson} if given; deletes the
   * chunks and, if the message is the session's last, sets the preview. The session's updated_at moves
   * if {@code touchSession} (a stream ending moves it; recovery of a dead process's stream does not).
   * Returns the message.
   */
  Message finish(Handle h, String sessionId, String messageId, Locked locked, List<Chunk> chunks, String text,
      List<ToolCall> calls, MessageStatus status, Optional<String> metadataJson, Instant now, boolean touchSession) {
    StringBuilder content = new StringBuilder(locked.content());
    chunks.forEach(c -> content.append(c.text()));
    content.append(text);
    List<ToolCall> allCalls = new ArrayList<>(locked.toolCalls());
    allCalls.addAll(calls);
    String full = content.toString();
    Dialect d = ctx.dialect();
    TextCodec codec = ctx.text();
    var update = h.createUpdate("UPDATE chatstore_messages SET content = :content, tool_calls = " + d.json(":calls")
            + ", status = :status, updated_at = :now" + metadataJson.map(m -> ", metadata = " + d.json(":metadata"))
            .orElse("") + " WHERE session_id = :session AND id = :id")
        .bind("content", codec.text(full))
        .bind("calls", codec.json(ToolJson.calls(allCalls)))
        .bind("status", status.name())
        .bind("now", Db.at(now))
        .bind("session", sessionId)
        .bind("id", messageId);
    metadataJson.ifPresent(m -> update.bind("metadata", codec.json(m)));
    update.execute();
    if (!chunks.isEmpty()) {
      h.createUpdate("DELETE FROM chatstore_stream_chunks WHERE session_id = :session AND message_id = :id")
          .bind("session", sessionId)
          .bind("id", messageId)
          .execute();
    }
    // The preview follows a stream when it ends, if it is still the last message of the session.
    h.createUpdate("UPDATE chatstore_sessions SET " + (touchSession ? "updated_at = :now, " : "")
            + "preview = CASE WHEN next_seq - 1 = :seq THEN :preview ELSE preview END WHERE id = :session")
        .bind("now", Db.at(now))
        .bind("seq", locked.seq())
        .bind("preview", codec.text(Previews.of(full)))
        .bind("session", sessionId)
        .execute();
    return h.createQuery("SELECT " + ctx.rows().messageColumns("m")
            + " FROM chatstore_messages m WHERE m.session_id = :session AND m.id = :id")
        .bind("session", sessionId)
        .bind("id", messageId)
        .map((rs, c) -> ctx.rows().message(rs))
        .one();
  }
}
