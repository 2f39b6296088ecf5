package dev.chatstore.jdbc.internal;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.NewSession;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StaleVersionException;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Ids;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;

/**
 * Sessions one at a time: create, read, change, soft-delete, restore and purge. Each change is one
 * short transaction that returns the row as it now is. Thread-safe.
 *
 * <p>A conversation key its owner already uses (by a session deleted or not; purging frees it) is
 * refused by the unique index when the row is inserted, not by a read before it: two stores, or two
 * processes, creating the same key at once get one session and one {@link ConflictException}, and the
 * refused transaction rolls back, so nothing of it is written.
 */
final class SessionDao {
  private final JdbcContext ctx;
  private final SessionTable table;

  SessionDao(JdbcContext ctx) {
    this.ctx = ctx;
    this.table = ctx.sessionTable();
  }

  ChatSession create(NewSession session) {
    String metadata = ctx.rules().check(session);
    String id = session.id().orElseGet(Ids::next);
    Instant now = ctx.now();
    return ctx.db().inTransaction("creating session " + id, h -> {
      try {
        table.insert(h, id, session, metadata, now);
      } catch (JdbiException e) {
        if (session.key().isPresent() && SqlErrors.isDuplicateKey(e, SessionTable.KEY_INDEX)) {
          throw new ConflictException(ConflictException.Reason.ALREADY_EXISTS,
              "owner " + session.ownerId() + " already has a session with this key");
        }
        if (SqlErrors.isDuplicateKey(e)) {
          throw new ConflictException(ConflictException.Reason.ALREADY_EXISTS,
              "a session with id " + id + " already exists");
        }
        throw e;
      }
      return table.find(h, id).orElseThrow(() -> new SessionNotFoundException(id));
    });
  }

  Optional<ChatSession> find(String sessionId) {
    Checks.id(sessionId, "sessionId");
    return ctx.db().read("reading session " + sessionId, h -> table.find(h, sessionId));
  }

  Optional<ChatSession> findByKey(String ownerId, String key) {
    Checks.ownerId(ownerId, "ownerId");
    NewSession.key(key);
    return ctx.db().read("finding a session by key", h -> table.findByKey(h, ownerId, key));
  }

  Optional<ChatSession> latest(String ownerId) {
    Checks.ownerId(ownerId, "ownerId");
    return ctx.db().read("reading the latest session", h -> table.latest(h, ownerId));
  }

  ChatSession update(String sessionId, long expectedVersion, SessionUpdate update) {
    Checks.id(sessionId, "sessionId");
    ctx.rules().check(update);
    Optional<String> metadata = update.metadata().map(ctx.rules()::encode);
    Instant now = ctx.now();
    return ctx.db().inTransaction("updating session " + sessionId, h -> {
      Optional<ChatSession> updated = table.update(h, sessionId, expectedVersion, update, metadata, now);
      if (updated.isPresent()) {
        return updated.get();
      }
      ChatSession current = table.find(h, sessionId).orElseThrow(() -> new SessionNotFoundException(sessionId));
      if (current.isDeleted()) {
        throw deleted(sessionId);
      }
      throw new StaleVersionException(sessionId, expectedVersion, current.version());
    });
  }

  ChatSession delete(String sessionId) {
    return setDeleted(sessionId, true);
  }

  ChatSession restore(String sessionId) {
    return setDeleted(sessionId, false);
  }

  private ChatSession setDeleted(String sessionId, boolean delete) {
    Checks.id(sessionId, "sessionId");
    Instant now = ctx.now();
    return ctx.db().inTransaction((delete ? "deleting" : "restoring") + " session " + sessionId, h -> {
      Optional<ChatSession> changed = table.setDeleted(h, sessionId, delete, now);
      // Idempotent: already in the wanted state is no change, and no new version.
      return changed.or(() -> table.find(h, sessionId)).orElseThrow(() -> new SessionNotFoundException(sessionId));
    });
  }

  void purge(String sessionId) {
    Checks.id(sessionId, "sessionId");
    int deleted = ctx.db().inTransaction("purging session " + sessionId, h -> table.delete(h, sessionId));
    if (deleted == 0) {
      throw new SessionNotFoundException(sessionId);
    }
  }

  static ConflictException deleted(String sessionId) {
    return new ConflictException(ConflictException.Reason.SESSION_DELETED,
        "session " + sessionId + " is deleted; restore it first");
  }
}
