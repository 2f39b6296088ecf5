package dev.chatstore.jdbc.internal;

import dev.chatstore.Message;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageUpdate;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Previews;
import dev.chatstore.spi.Revisions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Edits with history on the JDBC tables: a revision of a message's parts, made in the transaction of
 * the update that asked for it, and a message's history read back. The rule (which message may be
 * revised, what it becomes, which revisions to store) is spi's {@link Revisions}; this class stores
 * what it says, a fixed number of rows whatever the length of the conversation or of the history.
 * Thread-safe.
 */
final class Reviser {
  private final JdbcContext ctx;

  Reviser(JdbcContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Revises {@code before} (read after its row was locked, in {@code h}'s transaction) by
   * {@code update}, which holds parts: ConflictException ({@code NOT_COMPLETE}) before anything is
   * written unless it may be revised. {@code metadataJson} is the update's metadata as stored, if any.
   * The session's updated_at moves, and its preview follows if the message is its last.
   */
  Message revise(Handle h, Message before, MessageUpdate update, Optional<String> metadataJson, Instant now) {
    Revisions.checkRevisable(before);
    Message after = Revisions.revised(before, update, metadataJson.map(ctx.rules().messageCodec()::decode), now);
    ctx.revisionTable().insert(h, before.sessionId(), before.id(), Revisions.toStore(before, after, update));
    ctx.messageTable().revise(h, after, metadataJson);
    ctx.sessionTable().touchAndPreviewIfLast(h, after.sessionId(), after.seq(), Previews.of(after.content()), now);
    // read back, so what the caller gets is what every later read gets
    return ctx.messageTable().find(h, before.sessionId(), before.id())
        .orElseThrow(() -> new MessageNotFoundException(before.sessionId(), before.id()));
  }

  /** Every revision of the message, oldest first: one range of the revisions' key if it was revised. */
  List<MessageRevision> history(String sessionId, String messageId) {
    Checks.id(sessionId, "sessionId");
    Checks.id(messageId, "messageId");
    RevisionTable revisions = ctx.revisionTable();
    return ctx.db().read("reading the revisions of message " + messageId, h -> {
      List<MessageRevision> stored = revisions.read(h, sessionId, messageId);
      if (!stored.isEmpty()) {
        return stored;
      }
      Message m = ctx.messageTable().find(h, sessionId, messageId).orElseThrow(() -> notFound(h, sessionId, messageId));
      // revised for the first time between the two reads (each is a statement of its own): its rows are there now
      return m.revision() > 1 ? revisions.read(h, sessionId, messageId) : Revisions.history(m, List.of());
    });
  }

  private RuntimeException notFound(Handle h, String sessionId, String messageId) {
    if (ctx.sessionTable().lastSeq(h, sessionId).isEmpty()) {
      return new SessionNotFoundException(sessionId);
    }
    return new MessageNotFoundException(sessionId, messageId);
  }
}
