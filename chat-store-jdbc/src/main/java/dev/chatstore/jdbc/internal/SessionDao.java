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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Update;

/**
 * Sessions one at a time: create, read, change, soft-delete, restore and purge. Each change is one
 * short transaction that returns the row as it now is. Thread-safe.
 */
public final class SessionDao {
  private final StoreContext ctx;

  public SessionDao(StoreContext ctx) {
    this.ctx = ctx;
  }

  public ChatSession create(NewSession session) {
    String metadata = ctx.rules().check(session);
    String id = session.id().orElseGet(Ids::next);
    Instant now = ctx.now();
    Dialect d = ctx.dialect();
    TextCodec text = ctx.text();
    return ctx.db().inTransaction("creating session " + id, h -> {
      try {
        h.createUpdate("INSERT INTO chatstore_sessions (id, owner_id, project_id, title, metadata, state,"
                + " created_at, updated_at, version, message_count, next_seq, preview) VALUES (:id, :owner,"
                + " :project, :title, " + d.json(":metadata") + ", " + d.json(":state") + ", :now, :now, 1, 0, 1, '')")
            .bind("id", id)
            .bind("owner", text.text(session.ownerId()))
            .bind("project", session.projectId().map(text::text).orElse(null))
            .bind("title", text.text(session.title()))
            .bind("metadata", text.json(metadata))
            .bind("state", text.json(session.stateJson()))
            .bind("now", Db.at(now))
            .execute();
      } catch (JdbiException e) {
        if (SqlErrors.isDuplicateKey(e)) {
          throw new ConflictException(ConflictException.Reason.ALREADY_EXISTS,
              "a session with id " + id + " already exists");
        }
        throw e;
      }
      return select(h, id).orElseThrow(() -> new SessionNotFoundException(id));
    });
  }

  public Optional<ChatSession> find(String sessionId) {
    Checks.id(sessionId, "sessionId");
    return ctx.db().read("reading session " + sessionId, h -> select(h, sessionId));
  }

  /** The session row, read in the caller's transaction. */
  public Optional<ChatSession> select(Handle h, String sessionId) {
    return h.createQuery("SELECT " + Rows.SESSION_COLUMNS + " FROM chatstore_sessions WHERE id = :id")
        .bind("id", sessionId)
        .map((rs, c) -> ctx.rows().session(rs))
        .findOne();
  }

  public Optional<ChatSession> latest(String ownerId) {
    Checks.ownerId(ownerId, "ownerId");
    return ctx.db().read("reading the latest session", h -> h.createQuery("SELECT " + Rows.SESSION_COLUMNS
            + " FROM chatstore_sessions WHERE owner_id = :owner AND deleted_at IS NULL"
            + " ORDER BY owner_id DESC, updated_at DESC, id DESC LIMIT 1")
        .bind("owner", ctx.text().text(ownerId))
        .map((rs, c) -> ctx.rows().session(rs))
        .findOne());
  }

  public ChatSession update(String sessionId, long expectedVersion, SessionUpdate update) {
    Checks.id(sessionId, "sessionId");
    ctx.rules().check(update);
    Optional<String> metadata = update.metadata().map(ctx.rules()::encode);
    TextCodec text = ctx.text();
    Dialect d = ctx.dialect();
    List<String> sets = new ArrayList<>();
    update.title().ifPresent(t -> sets.add("title = :title"));
    metadata.ifPresent(m -> sets.add("metadata = " + d.json(":metadata")));
    update.stateJson().ifPresent(s -> sets.add("state = " + d.json(":state")));
    String sql = "UPDATE chatstore_sessions SET " + String.join(", ", sets) + ", version = version + 1,"
        + " updated_at = :now WHERE id = :id AND version = :expected AND deleted_at IS NULL";
    Instant now = ctx.now();
    return ctx.db().inTransaction("updating session " + sessionId, h -> {
      var query = h.createQuery(d.returning(sql, Rows.SESSION_COLUMNS))
          .bind("id", sessionId)
          .bind("expected", expectedVersion)
          .bind("now", Db.at(now));
      update.title().ifPresent(t -> query.bind("title", text.text(t)));
      metadata.ifPresent(m -> query.bind("metadata", text.json(m)));
      update.stateJson().ifPresent(s -> query.bind("state", text.json(s)));
      Optional<ChatSession> updated = query.map((rs, c) -> ctx.rows().session(rs)).findOne();
      if (updated.isPresent()) {
        return updated.get();
      }
      ChatSession current = select(h, sessionId).orElseThrow(() -> new SessionNotFoundException(sessionId));
      if (current.isDeleted()) {
        throw deleted(sessionId);
      }
      throw new StaleVersionException(sessionId, expectedVersion, current.version());
    });
  }

  public ChatSession delete(String sessionId) {
    return setDeleted(sessionId, true);
  }

  public ChatSession restore(String sessionId) {
    return setDeleted(sessionId, false);
  }

  private ChatSession setDeleted(String sessionId, boolean delete) {
    Checks.id(sessionId, "sessionId");
    String sql = delete
        ? "UPDATE chatstore_sessions SET deleted_at = :now, version = version + 1, updated_at = :now"
            + " WHERE id = :id AND deleted_at IS NULL"
        : "UPDATE chatstore_sessions SET deleted_at = NULL, version = version + 1, updated_at = :now"
            + " WHERE id = :id AND deleted_at IS NOT NULL";
    Instant now = ctx.now();
    return ctx.db().inTransaction((delete ? "deleting" : "restoring") + " session " + sessionId, h -> {
      Optional<ChatSession> changed = h.createQuery(ctx.dialect().returning(sql, Rows.SESSION_COLUMNS))
          .bind("id", sessionId)
          .bind("now", Db.at(now))
          .map((rs, c) -> ctx.rows().session(rs))
          .findOne();
      // Idempotent: already in the wanted state is no change, and no new version.
      return changed.or(() -> select(h, sessionId)).orElseThrow(() -> new SessionNotFoundException(sessionId));
    });
  }

  public void purge(String sessionId) {
    Checks.id(sessionId, "sessionId");
    int deleted = ctx.db().inTransaction("purging session " + sessionId, h -> {
      Update delete = h.createUpdate("DELETE FROM chatstore_sessions WHERE id = :id").bind("id", sessionId);
      return delete.execute(); // messages and stream chunks go with it (ON DELETE CASCADE)
    });
    if (deleted == 0) {
      throw new SessionNotFoundException(sessionId);
    }
  }

  static ConflictException deleted(String sessionId) {
    return new ConflictException(ConflictException.Reason.SESSION_DELETED,
        "session " + sessionId + " is deleted; restore it first");
  }
}
