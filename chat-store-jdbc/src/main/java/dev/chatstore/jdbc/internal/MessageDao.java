package dev.chatstore.jdbc.internal;

import dev.chatstore.ConflictException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.MessageRange;
import dev.chatstore.spi.Times;
import dev.chatstore.spi.StreamEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A session's messages: appending (one, or a batch all or none), reading one, keyset pages on seq,
 * and updating status or metadata. A page reads only its own rows through the (session_id, seq)
 * primary key, however long the conversation. Thread-safe.
 */
public final class MessageDao {
  private final StoreContext ctx;
  private final Appender appender;
  private final Unfinished unfinished;
  private final GroupEnd end;
  private final StreamEngine engine;

  public MessageDao(StoreContext ctx, StreamEngine engine) {
    this.ctx = ctx;
    this.appender = new Appender(ctx);
    this.unfinished = new Unfinished(ctx);
    this.end = new GroupEnd(ctx);
    this.engine = engine;
  }

  public Message append(String sessionId, NewMessage message) {
    Checks.id(sessionId, "sessionId");
    Appender.Row row = row(message, ctx.rules().check(message), "");
    Instant now = ctx.now();
    return ctx.db().inTransaction("appending to session " + sessionId,
        h -> appender.append(h, sessionId, List.of(row), true, now).get(0));
  }

  public List<Message> appendAll(String sessionId, List<NewMessage> messages) {
    Checks.id(sessionId, "sessionId");
    List<String> metadata = ctx.rules().checkBatch(messages); // also refuses an id repeated in the batch
    List<Appender.Row> rows = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      rows.add(row(messages.get(i), metadata.get(i), "messages[" + i + "]."));
    }
    Instant now = ctx.now();
    return ctx.db().inTransaction("appending " + rows.size() + " messages to session " + sessionId,
        h -> appender.append(h, sessionId, rows, true, now));
  }

  /** Timestamps both databases hold: years 1 to 9999 (PostgreSQL's range is wider, H2's too). */
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private Appender.Row row(NewMessage m, String metadataJson, String path) {
    m.createdAt().map(Times::micros).ifPresent(at -> {
      if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
        throw new InvalidInputException(path + "createdAt", "must be within the years 1 to 9999, was " + at);
      }
    });
    return new Appender.Row(m.id(), m.role(), m.content(), m.status(), m.toolCalls(), m.toolResult(),
        ctx.rules().messageCodec().decode(metadataJson), metadataJson, m.createdAt());
  }

  public Optional<Message> find(String sessionId, String messageId) {
    Checks.id(sessionId, "sessionId");
    Checks.id(messageId, "messageId");
    return ctx.db().read("reading message " + messageId, h -> select(h, sessionId, messageId));
  }

  private Optional<Message> select(Handle h, String sessionId, String messageId) {
    return h.createQuery("SELECT " + ctx.rows().messageColumns("m")
            + " FROM chatstore_messages m WHERE m.session_id = :session AND m.id = :id")
        .bind("session", sessionId)
        .bind("id", messageId)
        .map((rs, c) -> ctx.rows().message(rs))
        .findOne();
  }

  public Page<Message> page(String sessionId, MessageQuery query) {
    Checks.id(sessionId, "sessionId");
    Checks.notNull(query, "query");
    return ctx.db().read("reading messages of session " + sessionId, h -> {
      long last = h.createQuery("SELECT next_seq - 1 FROM chatstore_sessions WHERE id = :id")
          .bind("id", sessionId)
          .mapTo(Long.class)
          .findOne()
          .orElseThrow(() -> new SessionNotFoundException(sessionId));
      MessageRange range = MessageRange.of(query, last);
      if (range.isEmpty()) {
        return Page.<Message>empty();
      }
      // a bounded range of the primary key, however long the session
      List<Message> items = h.createQuery("SELECT " + ctx.rows().messageColumns("m")
              + " FROM chatstore_messages m WHERE m.session_id = :session AND m.seq BETWEEN :from AND :to"
              + " ORDER BY m.seq")
          .bind("session", sessionId)
          .bind("from", range.fromSeq())
          .bind("to", range.toSeq())
          .map((rs, c) -> ctx.rows().message(rs))
          .list();
      // none if the session was purged between the two reads
      return items.isEmpty() ? Page.<Message>empty() : range.page(items);
    });
  }

  public Message update(String sessionId, String messageId, MessageUpdate update) {
    Checks.id(sessionId, "sessionId");
    Checks.id(messageId, "messageId");
    ctx.rules().check(update);
    Optional<String> metadataJson = update.metadata().map(ctx.rules()::encode);
    Instant now = ctx.now();
    TextCodec text = ctx.text();
    Dialect d = ctx.dialect();
    return ctx.db().inTransaction("updating message " + messageId, h -> {
      // locks the session first, as every change to a streamed message does (see Unfinished.lockSessions)
      boolean deleted = h.createQuery("SELECT deleted_at FROM chatstore_sessions WHERE id = :id FOR UPDATE")
          .bind("id", sessionId)
          .map((rs, c) -> rs.getObject("deleted_at") != null)
          .findOne()
          .orElseThrow(() -> new SessionNotFoundException(sessionId));
      if (deleted) {
        throw SessionDao.deleted(sessionId);
      }
      Unfinished.Locked locked = unfinished.lock(h, sessionId, messageId)
          .orElseThrow(() -> new MessageNotFoundException(sessionId, messageId));
      if (engine.isOpen(sessionId, messageId)) {
        throw new ConflictException(ConflictException.Reason.STREAM_OPEN, "message " + messageId
            + " is being streamed by an open stream of this store; end the stream instead");
      }
      if (update.status().isPresent() && !locked.status().isFinal()) {
        // A stream no store has open (its process died): ending it folds in what it streamed.
        GroupEnd.Item item = GroupEnd.Item.abandoned(sessionId, messageId, update.status().get(), metadataJson);
        return GroupEnd.only(end.run(h.getConnection(), List.of(item), now, false));
      }
      var sql = h.createUpdate("UPDATE chatstore_messages SET updated_at = :now"
              + update.status().map(s -> ", status = :status").orElse("")
              + metadataJson.map(m -> ", metadata = " + d.json(":metadata")).orElse("")
              + " WHERE session_id = :session AND id = :id")
          .bind("now", Db.at(now))
          .bind("session", sessionId)
          .bind("id", messageId);
      update.status().ifPresent(s -> sql.bind("status", s.name()));
      metadataJson.ifPresent(m -> sql.bind("metadata", text.json(m)));
      sql.execute();
      return select(h, sessionId, messageId).orElseThrow(() -> new MessageNotFoundException(sessionId, messageId));
    });
  }
}
