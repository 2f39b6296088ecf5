package dev.chatstore.jdbc.internal;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.ForkCopy;
import dev.chatstore.spi.Ids;
import dev.chatstore.spi.Previews;
import dev.chatstore.spi.ToolJson;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Forks a session in one transaction: a new session row copied from the source's (owner, project,
 * metadata, state as stored), then copies of its messages up to the chosen one, read and written a
 * batch at a time; what each copy holds is {@link ForkCopy}'s rule (a message still streaming is
 * copied with what it streamed so far). The source is only read. Thread-safe.
 */
public final class Forker {
  /** Messages copied per read and per batch insert: bounded memory for a long conversation. */
  private static final int BATCH = 500;

  private final StoreContext ctx;
  private final SessionDao sessions;

  public Forker(StoreContext ctx, SessionDao sessions) {
    this.ctx = ctx;
    this.sessions = sessions;
  }

  public ChatSession fork(String sessionId, String upToMessageId, String title) {
    Checks.id(sessionId, "sessionId");
    Checks.id(upToMessageId, "upToMessageId");
    ctx.rules().title(title);
    String forkId = Ids.next();
    Instant now = ctx.now();
    TextCodec text = ctx.text();
    return ctx.db().inTransaction("forking session " + sessionId, h -> {
      ChatSession source = sessions.select(h, sessionId).orElseThrow(() -> new SessionNotFoundException(sessionId));
      if (source.isDeleted()) {
        throw SessionDao.deleted(sessionId);
      }
      Message upTo = h.createQuery("SELECT " + ctx.rows().messageColumns("m") + " FROM chatstore_messages m"
              + " WHERE m.session_id = :session AND m.id = :id")
          .bind("session", sessionId)
          .bind("id", upToMessageId)
          .map((rs, c) -> ctx.rows().message(rs))
          .findOne()
          .orElseThrow(() -> new MessageNotFoundException(sessionId, upToMessageId));
      h.createUpdate("INSERT INTO chatstore_sessions (id, owner_id, project_id, title, metadata, state, created_at,"
              + " updated_at, version, message_count, next_seq, preview, forked_from_session, forked_from_message)"
              + " SELECT :fork, owner_id, project_id, :title, metadata, state, :now, :now, 1, :count, :next, :preview,"
              + " id, :upTo FROM chatstore_sessions WHERE id = :source")
          .bind("fork", forkId)
          .bind("title", text.text(title))
          .bind("now", Db.at(now))
          .bind("count", upTo.seq())
          .bind("next", upTo.seq() + 1)
          .bind("preview", text.text(Previews.of(upTo.content())))
          .bind("upTo", upToMessageId)
          .bind("source", sessionId)
          .execute();
      for (long from = 1; from <= upTo.seq(); from += BATCH) {
        copy(h, messages(h, sessionId, from, Math.min(from + BATCH - 1, upTo.seq())), forkId);
      }
      return sessions.select(h, forkId).orElseThrow(() -> new SessionNotFoundException(forkId));
    });
  }

  /** The messages with seqs {@code from} to {@code to}: a bounded range of the primary key. */
  private List<Message> messages(Handle h, String sessionId, long from, long to) {
    return h.createQuery("SELECT " + ctx.rows().messageColumns("m") + " FROM chatstore_messages m"
            + " WHERE m.session_id = :session AND m.seq BETWEEN :from AND :to ORDER BY m.seq")
        .bind("session", sessionId)
        .bind("from", from)
        .bind("to", to)
        .map((rs, c) -> ctx.rows().message(rs))
        .list();
  }

  private void copy(Handle h, List<Message> sources, String forkId) {
    Dialect d = ctx.dialect();
    TextCodec text = ctx.text();
    PreparedBatch batch = h.prepareBatch("INSERT INTO chatstore_messages (session_id, seq, id, role, status, content,"
        + " tool_calls, tool_result, metadata, created_at, updated_at) VALUES (:session, :seq, :id, :role, :status,"
        + " :content, " + d.json(":calls") + ", " + d.json(":result") + ", " + d.json(":metadata")
        + ", :created, :updated)");
    for (Message source : sources) {
      Message m = ForkCopy.of(source, forkId, Ids.next());
      batch.bind("session", m.sessionId())
          .bind("seq", m.seq())
          .bind("id", m.id())
          .bind("role", m.role().name())
          .bind("status", m.status().name())
          .bind("content", text.text(m.content()))
          .bind("calls", text.json(ToolJson.calls(m.toolCalls())))
          .bind("result", m.toolResult().map(t -> text.json(ToolJson.result(t))).orElse(null))
          .bind("metadata", text.json(ctx.rows().encode(m.metadata())))
          .bind("created", Db.at(m.createdAt()))
          .bind("updated", Db.at(m.updatedAt()))
          .add();
    }
    batch.execute();
  }
}
