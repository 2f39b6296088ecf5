package dev.chatstore.jdbc.internal;

import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.MessageRange;
import dev.chatstore.spi.StreamEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A session's messages: appending (one, or a batch all or none), reading one, pages, and updating
 * status or metadata or (through {@link Reviser}) revising the parts. A page is the seq range {@link MessageRange} gives for the session's last seq,
 * read as a bounded range of the (session_id, seq) primary key however long the conversation.
 * Thread-safe.
 */
final class MessageDao {
  private final JdbcContext ctx;
  private final Appender appender;
  private final GroupEnd end;
  private final StreamEngine engine;
  private final Reviser reviser;

  MessageDao(JdbcContext ctx, StreamEngine engine, Reviser reviser) {
    this.ctx = ctx;
    this.appender = new Appender(ctx);
    this.end = new GroupEnd(ctx);
    this.engine = engine;
    this.reviser = reviser;
  }

  Message append(String sessionId, NewMessage message) {
    Checks.id(sessionId, "sessionId");
    Appender.Row row = row(message, ctx.rules().check(message));
    Instant now = ctx.now();
    return ctx.db().inTransaction("appending to session " + sessionId,
        h -> appender.append(h, sessionId, List.of(row), true, now).get(0));
  }

  List<Message> appendAll(String sessionId, List<NewMessage> messages) {
    Checks.id(sessionId, "sessionId");
    List<String> metadata = ctx.rules().checkBatch(messages); // also refuses an id repeated in the batch
    List<Appender.Row> rows = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      rows.add(row(messages.get(i), metadata.get(i)));
    }
    Instant now = ctx.now();
    return ctx.db().inTransaction("appending " + rows.size() + " messages to session " + sessionId,
        h -> appender.append(h, sessionId, rows, true, now));
  }

  private Appender.Row row(NewMessage m, String metadataJson) {
    return Appender.Row.of(m, ctx.rules().messageCodec().decode(metadataJson), metadataJson);
  }

  Optional<Message> find(String sessionId, String messageId) {
    Checks.id(sessionId, "sessionId");
    Checks.id(messageId, "messageId");
    return ctx.db().read("reading message " + messageId, h -> ctx.messageTable().find(h, sessionId, messageId));
  }

  Page<Message> page(String sessionId, MessageQuery query) {
    Checks.id(sessionId, "sessionId");
    Checks.notNull(query, "query");
    return ctx.db().read("reading messages of session " + sessionId, h -> {
      long last = ctx.sessionTable().lastSeq(h, sessionId).orElseThrow(() -> new SessionNotFoundException(sessionId));
      MessageRange range = MessageRange.of(query, last);
      if (range.isEmpty()) {
        return Page.<Message>empty();
      }
      List<Message> items = ctx.messageTable().range(h, sessionId, range.fromSeq(), range.toSeq());
      // none if the session was purged between the two reads
      return items.isEmpty() ? Page.<Message>empty() : range.page(items);
    });
  }

  Message update(String sessionId, String messageId, MessageUpdate update) {
    Checks.id(sessionId, "sessionId");
    Checks.id(messageId, "messageId");
    ctx.rules().check(update);
    Optional<String> metadataJson = update.metadata().map(ctx.rules()::encode);
    Instant now = ctx.now();
    MessageTable messages = ctx.messageTable();
    return ctx.db().inTransaction("updating message " + messageId, h -> {
      // locks the session first, as every change to a streamed message does (see Unfinished.lockSessions)
      boolean deleted = ctx.sessionTable().lockIsDeleted(h, sessionId)
          .orElseThrow(() -> new SessionNotFoundException(sessionId));
      if (deleted) {
        throw SessionDao.deleted(sessionId);
      }
      MessageTable.StreamState locked = messages.lock(h, sessionId, messageId)
          .orElseThrow(() -> new MessageNotFoundException(sessionId, messageId));
      if (engine.isOpen(sessionId, messageId)) {
        throw new ConflictException(ConflictException.Reason.STREAM_OPEN, "message " + messageId
            + " is being streamed by an open stream of this store; end the stream instead");
      }
      if (update.parts().isPresent()) {
        Message before = messages.find(h, sessionId, messageId)
            .orElseThrow(() -> new MessageNotFoundException(sessionId, messageId));
        return reviser.revise(h, before, update, metadataJson, now);
      }
      if (update.status().isPresent() && !locked.status().isFinal()) {
        // A stream no store has open (its process died): ending it folds in what it streamed.
        GroupEnd.Item item = GroupEnd.Item.abandoned(sessionId, messageId, update.status().get(), metadataJson);
        return GroupEnd.only(end.run(h.getConnection(), List.of(item), now, false));
      }
      messages.update(h, sessionId, messageId, update.status(), metadataJson, now);
      return messages.find(h, sessionId, messageId).orElseThrow(() -> new MessageNotFoundException(sessionId, messageId));
    });
  }
}
