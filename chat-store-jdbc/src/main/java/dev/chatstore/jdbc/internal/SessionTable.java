package dev.chatstore.jdbc.internal;

import dev.chatstore.ChatSession;
import dev.chatstore.CorruptDataException;
import dev.chatstore.ForkOrigin;
import dev.chatstore.InvalidInputException;
import dev.chatstore.NewSession;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.SessionUpdate;
import dev.chatstore.metadata.ChatMetadataCodec;
import dev.chatstore.spi.CipherScope;
import dev.chatstore.spi.SessionKeyset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The {@code chatstore_sessions} table: its columns, every statement on it and its rows as
 * sessions and summaries. A session row also carries what appending and listing need without
 * touching messages: the next seq, the message count and the preview. The row is also the lock of
 * its session (see {@link Unfinished#lockSessions}). A row that does not decode is a
 * {@link CorruptDataException} naming the table and id. Immutable and thread-safe.
 *
 * <p>A session's conversation key is {@code conversation_key}, NULL for none, unique per owner by the
 * index {@link #KEY_INDEX}: that index refuses a second session with an owner's key, whichever store
 * or process creates it, and is what {@link #findByKey} reads. Keys, like every value, are bound as
 * parameters, never put into SQL text.
 */
final class SessionTable {
  /** Locks a session's row and reads what reserving seqs needs: id → next_seq, deleted_at. */
  static final String LOCK = "SELECT next_seq, deleted_at FROM chatstore_sessions WHERE id = ? FOR UPDATE";
  /** Reserves seqs of a locked session: the new next_seq, how many, updated_at, id. */
  static final String RESERVE = "UPDATE chatstore_sessions SET next_seq = ?, message_count = message_count + ?,"
      + " updated_at = ? WHERE id = ?";
  /** Moves a session's updated_at: updated_at, id. */
  static final String TOUCH = "UPDATE chatstore_sessions SET updated_at = ? WHERE id = ?";
  /** The preview follows an ended message if it is still the last: its seq, the preview, id. */
  static final String PREVIEW_IF_LAST =
      "UPDATE chatstore_sessions SET preview = CASE WHEN next_seq - 1 = ? THEN ? ELSE preview END WHERE id = ?";
  /** As {@link #PREVIEW_IF_LAST}, moving updated_at too: updated_at, seq, preview, id. */
  static final String TOUCH_AND_PREVIEW_IF_LAST = "UPDATE chatstore_sessions SET updated_at = ?,"
      + " preview = CASE WHEN next_seq - 1 = ? THEN ? ELSE preview END WHERE id = ?";

  /** The unique index on (owner_id, conversation_key): the name its violations carry. */
  static final String KEY_INDEX = "chatstore_sessions_owner_key";

  private static final String COLUMNS = "id, owner_id, project_id, title, metadata, state, created_at,"
      + " updated_at, message_count, version, deleted_at, forked_from_session, forked_from_message, conversation_key";
  private static final String SUMMARY_COLUMNS = "id, owner_id, project_id, title, created_at, updated_at,"
      + " message_count, preview, deleted_at, conversation_key";

  /** The session fields a store sealing values seals, as their {@link CipherScope}s name them. */
  static final String TITLE = "title";
  static final String METADATA = "metadata";
  static final String STATE = "state";
  static final String PREVIEW = "preview";

  private final Dialect dialect;
  private final TextCodec text;
  private final Sealer sealer;
  private final MessageTable messages;
  private final ChatMetadataCodec metadataCodec;

  SessionTable(Dialect dialect, TextCodec text, Sealer sealer, MessageTable messages, ChatMetadataCodec readCodec) {
    this.dialect = dialect;
    this.text = text;
    this.sealer = sealer;
    this.messages = messages;
    this.metadataCodec = readCodec;
  }

  // ---- writing -------------------------------------------------------------------------------

  /**
   * A new session row, empty; throws Jdbi's exception for an id already taken or, on {@link #KEY_INDEX},
   * for a key its owner already uses.
   */
  void insert(Handle h, String id, NewSession session, String metadataJson, Instant now) {
    h.createUpdate("INSERT INTO chatstore_sessions (id, owner_id, project_id, title, metadata, state,"
            + " created_at, updated_at, version, message_count, next_seq, preview, conversation_key) VALUES (:id,"
            + " :owner, :project, :title, " + dialect.json(":metadata") + ", " + dialect.json(":state")
            + ", :now, :now, 1, 0, 1, '', :key)")
        .bind("id", id)
        .bind("owner", text.text(session.ownerId()))
        .bind("project", session.projectId().map(text::text).orElse(null))
        .bind("title", sealer.text(session.title(), scope(id, TITLE)))
        .bind("metadata", sealer.json(metadataJson, scope(id, METADATA)))
        .bind("state", sealer.json(session.stateJson(), scope(id, STATE)))
        .bind("now", Db.at(now))
        .bind("key", session.key().map(text::text).orElse(null))
        .execute();
  }

  /**
   * The row of a fork of {@code sourceId} holding its first {@code count} messages (the last one
   * {@code upToMessageId}): owner, project, metadata and state copied as stored. Not the key: a key
   * names one session, and the fork is another (its conversation_key stays NULL).
   */
  void insertFork(Handle h, String forkId, ChatSession source, String title, long count, String upToMessageId,
      String preview, Instant now) {
    if (sealer.encrypts()) {
      insertSealedFork(h, forkId, source, title, count, upToMessageId, preview, now);
      return;
    }
    String sourceId = source.id();
    h.createUpdate("INSERT INTO chatstore_sessions (id, owner_id, project_id, title, metadata, state, created_at,"
            + " updated_at, version, message_count, next_seq, preview, forked_from_session, forked_from_message)"
            + " SELECT :fork, owner_id, project_id, :title, metadata, state, :now, :now, 1, :count, :next, :preview,"
            + " id, :upTo FROM chatstore_sessions WHERE id = :source")
        .bind("fork", forkId)
        .bind("title", text.text(title))
        .bind("now", Db.at(now))
        .bind("count", count)
        .bind("next", count + 1)
        .bind("preview", text.text(preview))
        .bind("upTo", upToMessageId)
        .bind("source", sourceId)
        .execute();
  }

  /**
   * {@link #insertFork} for a store that seals values: the source's metadata and state go through Java,
   * sealed anew for the fork's id (a copy made by SQL would be bound to the source and not open).
   */
  private void insertSealedFork(Handle h, String forkId, ChatSession source, String title, long count,
      String upToMessageId, String preview, Instant now) {
    h.createUpdate("INSERT INTO chatstore_sessions (id, owner_id, project_id, title, metadata, state, created_at,"
            + " updated_at, version, message_count, next_seq, preview, forked_from_session, forked_from_message)"
            + " VALUES (:fork, :owner, :project, :title, " + dialect.json(":metadata") + ", " + dialect.json(":state")
            + ", :now, :now, 1, :count, :next, :preview, :source, :upTo)")
        .bind("fork", forkId)
        .bind("owner", text.text(source.ownerId()))
        .bind("project", source.projectId().map(text::text).orElse(null))
        .bind("title", sealer.text(title, scope(forkId, TITLE)))
        .bind("metadata", sealer.json(metadataCodec.encode(source.metadata()), scope(forkId, METADATA)))
        .bind("state", sealer.json(source.stateJson(), scope(forkId, STATE)))
        .bind("now", Db.at(now))
        .bind("count", count)
        .bind("next", count + 1)
        .bind("preview", sealer.text(preview, scope(forkId, PREVIEW)))
        .bind("source", source.id())
        .bind("upTo", upToMessageId)
        .execute();
  }

  /** The session after {@code update}, if it is at {@code expectedVersion} and not deleted. */
  Optional<ChatSession> update(Handle h, String id, long expectedVersion, SessionUpdate update,
      Optional<String> metadataJson, Instant now) {
    List<String> sets = new ArrayList<>();
    update.title().ifPresent(t -> sets.add("title = :title"));
    metadataJson.ifPresent(m -> sets.add("metadata = " + dialect.json(":metadata")));
    update.stateJson().ifPresent(s -> sets.add("state = " + dialect.json(":state")));
    String sql = "UPDATE chatstore_sessions SET " + String.join(", ", sets) + ", version = version + 1,"
        + " updated_at = :now WHERE id = :id AND version = :expected AND deleted_at IS NULL";
    Query query = h.createQuery(dialect.returning(sql, COLUMNS))
        .bind("id", id)
        .bind("expected", expectedVersion)
        .bind("now", Db.at(now));
    update.title().ifPresent(t -> query.bind("title", sealer.text(t, scope(id, TITLE))));
    metadataJson.ifPresent(m -> query.bind("metadata", sealer.json(m, scope(id, METADATA))));
    update.stateJson().ifPresent(s -> query.bind("state", sealer.json(s, scope(id, STATE))));
    return query.map((rs, c) -> session(rs)).findOne();
  }

  /** The session after deleting ({@code deleted}) or restoring it; empty if it already was so, or is missing. */
  Optional<ChatSession> setDeleted(Handle h, String id, boolean deleted, Instant now) {
    String sql = deleted
        ? "UPDATE chatstore_sessions SET deleted_at = :now, version = version + 1, updated_at = :now"
            + " WHERE id = :id AND deleted_at IS NULL"
        : "UPDATE chatstore_sessions SET deleted_at = NULL, version = version + 1, updated_at = :now"
            + " WHERE id = :id AND deleted_at IS NOT NULL";
    return h.createQuery(dialect.returning(sql, COLUMNS))
        .bind("id", id)
        .bind("now", Db.at(now))
        .map((rs, c) -> session(rs))
        .findOne();
  }

  /** Removes the session, its messages and their chunks (ON DELETE CASCADE); the number of sessions removed. */
  int delete(Handle h, String id) {
    return h.createUpdate("DELETE FROM chatstore_sessions WHERE id = :id").bind("id", id).execute();
  }

  /** What reserving seqs found: the next seq after the reservation, and whether the session is deleted. */
  record Reserved(long nextSeq, boolean deleted) {}

  /**
   * Reserves {@code count} seqs in one UPDATE, which takes the row lock, moving message_count,
   * updated_at and (if given) the preview; empty if there is no such session.
   */
  Optional<Reserved> reserve(Handle h, String id, int count, Optional<String> preview, Instant now) {
    String update = "UPDATE chatstore_sessions SET next_seq = next_seq + :n, message_count = message_count + :n,"
        + " updated_at = :now" + preview.map(p -> ", preview = :preview").orElse("") + " WHERE id = :id";
    Query query = h.createQuery(dialect.returning(update, "next_seq, deleted_at"))
        .bind("n", count)
        .bind("now", Db.at(now))
        .bind("id", id);
    preview.ifPresent(p -> query.bind("preview", sealer.text(p, scope(id, PREVIEW))));
    return query.map((rs, c) -> new Reserved(rs.getLong("next_seq"), rs.getObject("deleted_at") != null)).findOne();
  }

  /** Moves a session's updated_at and, if message {@code seq} is its last, sets its preview. */
  void touchAndPreviewIfLast(Handle h, String id, long seq, String preview, Instant now) {
    h.createUpdate(TOUCH_AND_PREVIEW_IF_LAST)
        .bind(0, Db.at(now))
        .bind(1, seq)
        .bind(2, sealer.text(preview, scope(id, PREVIEW)))
        .bind(3, id)
        .execute();
  }

  /** Locks the session's row; whether it is deleted, or empty if there is no such session. */
  Optional<Boolean> lockIsDeleted(Handle h, String id) {
    return h.createQuery(LOCK).bind(0, id).map((rs, c) -> rs.getObject("deleted_at") != null).findOne();
  }

  // ---- reading -------------------------------------------------------------------------------

  Optional<ChatSession> find(Handle h, String id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM chatstore_sessions WHERE id = :id")
        .bind("id", id)
        .map((rs, c) -> session(rs))
        .findOne();
  }

  /** The owner's session with conversation key {@code key}, deleted or not: one lookup in {@link #KEY_INDEX}. */
  Optional<ChatSession> findByKey(Handle h, String ownerId, String key) {
    return h.createQuery("SELECT " + COLUMNS + " FROM chatstore_sessions WHERE owner_id = :owner"
            + " AND conversation_key = :key")
        .bind("owner", text.text(ownerId))
        .bind("key", text.text(key))
        .map((rs, c) -> session(rs))
        .findOne();
  }

  /** The owner's most recently updated session that is not deleted. */
  Optional<ChatSession> latest(Handle h, String ownerId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM chatstore_sessions WHERE owner_id = :owner"
            + " AND deleted_at IS NULL ORDER BY owner_id DESC, updated_at DESC, id DESC LIMIT 1")
        .bind("owner", text.text(ownerId))
        .map((rs, c) -> session(rs))
        .findOne();
  }

  /** The session's last seq (0 before its first message); empty if there is no such session. */
  Optional<Long> lastSeq(Handle h, String id) {
    return h.createQuery("SELECT next_seq - 1 FROM chatstore_sessions WHERE id = :id")
        .bind("id", id)
        .mapTo(Long.class)
        .findOne();
  }

  boolean exists(Handle h, String id) {
    return h.createQuery("SELECT 1 FROM chatstore_sessions WHERE id = :id").bind("id", id)
        .mapTo(Integer.class).findOne().isPresent();
  }

  /** Which sessions a list shows: the query's filters, its text matched as {@code text}. */
  record Listing(SessionQuery query, Optional<LikePattern> text) {}

  /**
   * Up to {@code limit} summaries of listed sessions in (updated_at, id) order, descending or not,
   * strictly beyond {@code cursor} in that order.
   */
  List<SessionSummary> list(Handle h, Listing listing, Optional<SessionKeyset.Key> cursor, boolean descending,
      int limit) {
    String sql = "SELECT " + SUMMARY_COLUMNS + " FROM " + table(listing) + " WHERE " + filters(listing)
        + cursor.map(k -> " AND " + beyond(descending)).orElse("")
        + " ORDER BY " + order(listing, descending) + " LIMIT :limit";
    Query q = bind(h.createQuery(sql), listing).bind("limit", limit);
    cursor.ifPresent(k -> q.bind("at", Db.at(k.updatedAt())).bind("id", k.id()));
    return q.map((rs, c) -> summary(rs)).list();
  }

  /** Whether a listed session lies past {@code at}: below it in (updated_at, id) order if {@code descending}. */
  boolean anyBeyond(Handle h, Listing listing, SessionKeyset.Key at, boolean descending) {
    String sql = "SELECT 1 FROM " + table(listing) + " WHERE " + filters(listing) + " AND " + beyond(descending)
        + " LIMIT 1";
    return bind(h.createQuery(sql), listing)
        .bind("at", Db.at(at.updatedAt()))
        .bind("id", at.id())
        .mapTo(Integer.class)
        .findFirst()
        .isPresent();
  }

  /** Only the text filter looks at messages, and only at those of the owner's sessions. */
  private String filters(Listing listing) {
    StringBuilder where = new StringBuilder("owner_id = :owner");
    listing.query().projectId().ifPresent(p -> where.append(" AND project_id = :project"));
    if (!listing.query().includeDeleted()) {
      where.append(" AND deleted_at IS NULL");
    }
    listing.text().ifPresent(p -> where.append(" AND (")
        .append(dialect.containsIgnoringCase("s.title", ":pattern", p.folded()))
        .append(" OR EXISTS (SELECT 1 FROM chatstore_messages m WHERE m.session_id = s.id AND ")
        .append(messages.contains("m", ":pattern", p)).append("))"));
    return where.toString();
  }

  private Query bind(Query q, Listing listing) {
    q.bind("owner", text.text(listing.query().ownerId()));
    listing.query().projectId().ifPresent(p -> q.bind("project", text.text(p)));
    listing.text().ifPresent(p -> q.bind("pattern", p.value()));
    return q;
  }

  /**
   * The table as alias {@code s}. H2 is told to use the project index for a list filtered by project:
   * its planner would pass it over for the owner index and then sort the owner's every session.
   */
  private String table(Listing listing) {
    return "chatstore_sessions s"
        + (listing.query().projectId().isPresent() ? dialect.indexHint("chatstore_sessions_project") : "");
  }

  /**
   * Rows past (:at, :id) going down (descending) or up the (updated_at, id) order. The first term is
   * a plain range on updated_at, so the index is entered at the position instead of scanned up to it.
   */
  private static String beyond(boolean descending) {
    String op = descending ? "<" : ">";
    return "updated_at " + op + "= :at AND (updated_at " + op + " :at OR id " + op + " :id)";
  }

  /**
   * The order of travel. It starts with the filtered column of the index to use (owner, or project
   * when filtered by project), fixed by the filter: that is how H2 sees the index gives the order and
   * stops after one page instead of sorting all the owner's sessions.
   */
  private static String order(Listing listing, boolean descending) {
    String dir = descending ? " DESC" : " ASC";
    String lead = listing.query().projectId().isPresent() ? "project_id" : "owner_id";
    return lead + dir + ", updated_at" + dir + ", id" + dir;
  }

  // ---- rows ----------------------------------------------------------------------------------

  private ChatSession session(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    String where = where(id);
    try {
      String source = rs.getString("forked_from_session");
      String upTo = rs.getString("forked_from_message");
      Optional<ForkOrigin> forkedFrom = source == null ? Optional.empty() : Optional.of(new ForkOrigin(source, upTo));
      return new ChatSession(id, text.fromText(rs.getString("owner_id"), where),
          optional(rs, "project_id", where), sealer.fromText(rs.getString("title"), scope(id, TITLE), where),
          metadataCodec.decode(sealer.jsonText(rs.getString("metadata"), scope(id, METADATA), where)),
          sealer.jsonText(rs.getString("state"), scope(id, STATE), where),
          Rows.required(rs, "created_at", where), Rows.required(rs, "updated_at", where),
          rs.getLong("message_count"), rs.getLong("version"), Db.instant(rs, "deleted_at"), forkedFrom,
          optional(rs, "conversation_key", where));
    } catch (InvalidInputException | IllegalArgumentException | DateTimeException e) {
      throw Rows.corrupt(where, e);
    }
  }

  private SessionSummary summary(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    String where = where(id);
    try {
      return new SessionSummary(id, text.fromText(rs.getString("owner_id"), where),
          optional(rs, "project_id", where), sealer.fromText(rs.getString("title"), scope(id, TITLE), where),
          Rows.required(rs, "created_at", where), Rows.required(rs, "updated_at", where),
          rs.getLong("message_count"), sealer.fromText(rs.getString("preview"), scope(id, PREVIEW), where),
          Db.instant(rs, "deleted_at"),
          optional(rs, "conversation_key", where));
    } catch (InvalidInputException | IllegalArgumentException | DateTimeException e) {
      throw Rows.corrupt(where, e);
    }
  }

  /** A nullable text column: project_id, conversation_key. */
  private Optional<String> optional(ResultSet rs, String column, String where) throws SQLException {
    String value = rs.getString(column);
    return value == null ? Optional.empty() : Optional.of(text.fromText(value, where));
  }

  /** The scope a sealed field of session {@code id} is bound to. */
  static CipherScope scope(String id, String field) {
    return CipherScope.session(id, field);
  }

  private static String where(String id) {
    return "chatstore_sessions id=" + id;
  }
}
