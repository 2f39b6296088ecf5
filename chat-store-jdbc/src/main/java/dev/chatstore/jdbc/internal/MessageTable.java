package dev.chatstore.jdbc.internal;

import dev.chatstore.spi.StreamSum;
import dev.chatstore.ChatStoreException;
import dev.chatstore.CorruptDataException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.metadata.MessageMetadataCodec;
import dev.chatstore.spi.CipherScope;
import dev.chatstore.spi.MessageBody;
import dev.chatstore.spi.ToolJson;
import dev.chatstore.spi.ToolPairing.ToolTurn;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code chatstore_messages} table, the one owner of its columns, its INSERT and its row
 * mapping: appends, stream begins and forks all insert through {@link #insert} and
 * {@link #addInsert}, every reader selects {@link #columns} and maps them with {@link #message},
 * and every other statement on the table is here too. The batched statements of the stream path
 * (GroupWrite, GroupEnd) are plain JDBC and take their SQL from here. A row that does not decode
 * (bad JSON, an unknown status, a value a record refuses) is a {@link CorruptDataException} naming
 * the table and key. Metadata is read without the store's size limits: what was once stored stays
 * readable if the limits are lowered. Immutable and thread-safe.
 *
 * <p>What a message says beyond its text goes in {@code body} ({@link MessageBody}'s JSON: parts,
 * attributes, name), its tool results in {@code tool_result} ({@link ToolJson}: one result's object,
 * or an array of several). A plain-text message, nearly every one, has a NULL body: writing it builds
 * no JSON and reading it parses none, as before bodies existed. {@code content} always holds the text
 * parts joined, what search and previews read.
 */
final class MessageTable {
  private static final Logger LOG = LoggerFactory.getLogger(MessageTable.class);
  /** The statuses of a message still being written, as an SQL list: the form of {@code !isFinal()}. */
  static final String UNFINISHED = Arrays.stream(MessageStatus.values()).filter(s -> !s.isFinal())
      .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));

  /** What a flush needs of its message: session id, message id → status, tool_calls. */
  static final String SELECT_FOR_WRITE =
      "SELECT status, tool_calls FROM chatstore_messages WHERE session_id = ? AND id = ?";
  /** A flush marking its message: updated_at, session id, message id. */
  static final String MARK_STREAMING =
      "UPDATE chatstore_messages SET status = 'STREAMING', updated_at = ? WHERE session_id = ? AND id = ?";
  /** What an end needs of its message: session id, message id → seq, status, content, tool_calls. */
  static final String SELECT_FOR_END =
      "SELECT seq, status, content, tool_calls FROM chatstore_messages WHERE session_id = ? AND id = ?";

  /** The row of a new message: its 12 parameters are set by {@link #addInsert}. */
  final String insert;
  /** One message, {@link #columns} of it: session id, message id. */
  final String selectOne;
  /** A flush adding tool calls: tool_calls (JSON), session id, message id. */
  final String setToolCalls;
  /**
   * An end: content, tool_calls (JSON), status, updated_at, metadata (JSON or NULL to keep), body (or
   * NULL to keep), session id, id.
   */
  final String end;

  /** The message fields a store sealing values seals, as their {@link CipherScope}s name them. */
  static final String CONTENT = "content";
  static final String BODY = "body";
  static final String TOOL_CALLS = "tool_calls";
  static final String TOOL_RESULT = "tool_result";
  static final String METADATA = "metadata";

  private final Dialect dialect;
  private final TextCodec text;
  private final Sealer sealer;
  private final ChunkTable chunks;
  private final MessageMetadataCodec metadataCodec;
  private final String columns;

  MessageTable(Dialect dialect, TextCodec text, Sealer sealer, ChunkTable chunks, MessageMetadataCodec readCodec) {
    this.dialect = dialect;
    this.text = text;
    this.sealer = sealer;
    this.chunks = chunks;
    this.metadataCodec = readCodec;
    this.columns = "m.session_id, m.seq, m.id, m.role, m.status, m.content, m.tool_calls, m.tool_result, m.metadata,"
        + " m.body, m.created_at, m.updated_at, m.revision, " + chunks.streamedText("m") + " AS streamed, "
        + chunks.streamedExtras("m") + " AS streamed_extras";
    String json = dialect.json("?");
    this.insert = "INSERT INTO chatstore_messages (session_id, seq, id, role, status, content, tool_calls,"
        + " tool_result, metadata, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, " + json + ", " + json
        + ", " + json + ", ?, ?, ?)";
    this.selectOne = "SELECT " + columns + " FROM chatstore_messages m WHERE m.session_id = ? AND m.id = ?";
    this.setToolCalls = "UPDATE chatstore_messages SET tool_calls = " + json + " WHERE session_id = ? AND id = ?";
    this.end = "UPDATE chatstore_messages SET content = ?, tool_calls = " + json + ", status = ?, updated_at = ?,"
        + " metadata = COALESCE(" + json + ", metadata), body = COALESCE(?, body) WHERE session_id = ? AND id = ?";
  }

  // ---- writing -------------------------------------------------------------------------------

  /** Adds {@code m} (with its metadata as stored, {@code metadataJson}) to a batch of {@link #insert}. */
  void addInsert(PreparedStatement insert, Message m, String metadataJson) throws SQLException {
    insert.setString(1, m.sessionId());
    insert.setLong(2, m.seq());
    insert.setString(3, m.id());
    insert.setString(4, m.role().name());
    insert.setString(5, m.status().name());
    String s = m.sessionId();
    String id = m.id();
    insert.setString(6, sealer.text(m.content(), scope(s, id, CONTENT)));
    insert.setString(7, toolCallsJson(s, id, m.toolCalls()));
    insert.setString(8, m.toolResults().isEmpty() ? null
        : sealer.json(ToolJson.results(m.toolResults()), scope(s, id, TOOL_RESULT)));
    insert.setString(9, sealer.json(metadataJson, scope(s, id, METADATA)));
    // a plain-text message has none: no JSON is built for it (isPlain compares its one part, nothing more)
    insert.setString(10, MessageBody.of(m).json().map(b -> sealer.text(b, scope(s, id, BODY))).orElse(null));
    Db.setAt(insert, 11, m.createdAt());
    Db.setAt(insert, 12, m.updatedAt());
    insert.addBatch();
  }

  /** The tool_calls value of {@code calls}, in message {@code messageId} of session {@code sessionId}. */
  String toolCallsJson(String sessionId, String messageId, List<ToolCall> calls) {
    return sealer.json(ToolJson.calls(calls), scope(sessionId, messageId, TOOL_CALLS));
  }

  /** Message metadata as stored, without the store's size limits (for copies of stored messages). */
  String encode(MessageMetadata metadata) {
    return metadataCodec.encode(metadata);
  }

  /** Sets the status (if given) and the metadata (if given) of a message, and its updated_at. */
  void update(Handle h, String sessionId, String messageId, Optional<MessageStatus> status,
      Optional<String> metadataJson, Instant now) {
    var update = h.createUpdate("UPDATE chatstore_messages SET updated_at = :now"
            + status.map(s -> ", status = :status").orElse("")
            + metadataJson.map(m -> ", metadata = " + dialect.json(":metadata")).orElse("")
            + " WHERE session_id = :session AND id = :id")
        .bind("now", Db.at(now))
        .bind("session", sessionId)
        .bind("id", messageId);
    status.ifPresent(s -> update.bind("status", s.name()));
    metadataJson.ifPresent(m -> update.bind("metadata", sealer.json(m, scope(sessionId, messageId, METADATA))));
    update.execute();
  }

  /**
   * Makes the row of a message hold {@code revised}, a revision of its parts by spi's
   * {@link dev.chatstore.spi.Revisions#revised}: its content and body (NULL again if it is plain text
   * now; attributes and name are in the body too, unchanged), revision number, updated_at, and the
   * metadata if the revision replaced it ({@code metadataJson}).
   */
  void revise(Handle h, Message revised, Optional<String> metadataJson) {
    var update = h.createUpdate("UPDATE chatstore_messages SET content = :content, body = :body,"
            + " revision = :revision, updated_at = :at"
            + metadataJson.map(m -> ", metadata = " + dialect.json(":metadata")).orElse("")
            + " WHERE session_id = :session AND id = :id")
        .bind("content", sealer.text(revised.content(), scope(revised.sessionId(), revised.id(), CONTENT)))
        .bind("body", MessageBody.of(revised).json()
            .map(b -> sealer.text(b, scope(revised.sessionId(), revised.id(), BODY))).orElse(null))
        .bind("revision", revised.revision())
        .bind("at", Db.at(revised.updatedAt()))
        .bind("session", revised.sessionId())
        .bind("id", revised.id());
    metadataJson.ifPresent(m -> update.bind("metadata",
        sealer.json(m, scope(revised.sessionId(), revised.id(), METADATA))));
    update.execute();
  }

  // ---- reading -------------------------------------------------------------------------------

  Optional<Message> find(Handle h, String sessionId, String messageId) {
    return h.createQuery(selectOne).bind(0, sessionId).bind(1, messageId).map((rs, c) -> message(rs)).findOne();
  }

  /** The messages with seqs {@code from} to {@code to}, in order: a bounded range of the primary key. */
  List<Message> range(Handle h, String sessionId, long from, long to) {
    return h.createQuery("SELECT " + columns + " FROM chatstore_messages m"
            + " WHERE m.session_id = :session AND m.seq BETWEEN :from AND :to ORDER BY m.seq")
        .bind("session", sessionId)
        .bind("from", from)
        .bind("to", to)
        .map((rs, c) -> message(rs))
        .list();
  }

  /** The tool part of every message that has one, in seq order: only the tool columns are read. */
  List<ToolTurn> toolTurns(Handle h, String sessionId) {
    return h.createQuery("SELECT seq, id, role, tool_calls, tool_result FROM chatstore_messages"
            + " WHERE session_id = :session AND ((role = 'ASSISTANT' AND tool_calls <> '[]')"
            + " OR (role = 'TOOL' AND tool_result IS NOT NULL)) ORDER BY session_id, seq")
        .bind("session", sessionId)
        .map((rs, c) -> {
          long seq = rs.getLong("seq");
          String where = where(sessionId, seq);
          String id = rs.getString("id");
          String calls = rs.getString("tool_calls");
          String result = rs.getString("tool_result");
          boolean tool = Role.TOOL.name().equals(rs.getString("role"));
          return Rows.decoded(where, () -> tool
              ? ToolTurn.results(seq, id, toolResults(result, sessionId, id, where))
              : ToolTurn.calls(seq, id, toolCalls(calls, sessionId, id, where)));
        })
        .list();
  }

  /** Where a message stands in its stream: its status and its last write. */
  record StreamState(String sessionId, String messageId, MessageStatus status, Instant updatedAt) {}

  /** Locks the message's row; empty if there is no such message. */
  Optional<StreamState> lock(Handle h, String sessionId, String messageId) {
    return h.createQuery("SELECT session_id, id, status, updated_at FROM chatstore_messages"
            + " WHERE session_id = :session AND id = :id FOR UPDATE")
        .bind("session", sessionId)
        .bind("id", messageId)
        .map((rs, c) -> streamState(rs))
        .findOne();
  }

  /**
   * Up to {@code limit} unfinished messages last written at or before {@code cutoff}, in (session id,
   * id) order after ({@code afterSession}, {@code after}): through the (status, updated_at) index.
   */
  List<StreamState> unfinished(Handle h, Instant cutoff, String afterSession, String after, int limit) {
    return h.createQuery("SELECT session_id, id, status, updated_at FROM chatstore_messages"
            + " WHERE status IN " + UNFINISHED + " AND updated_at <= :cutoff AND (session_id > :afterSession"
            + " OR (session_id = :afterSession AND id > :after)) ORDER BY session_id, id LIMIT :limit")
        .bind("cutoff", Db.at(cutoff))
        .bind("afterSession", afterSession)
        .bind("after", after)
        .bind("limit", limit)
        .map((rs, c) -> streamState(rs))
        .list();
  }

  /**
   * Up to {@code limit} messages of {@code ownerId}'s sessions that are not deleted whose text matches
   * {@code pattern}, by message id, newest first or oldest first, strictly beyond {@code cursor}.
   */
  List<Message> search(Handle h, String ownerId, LikePattern pattern, Optional<String> cursor, boolean newestFirst,
      int limit) {
    String dir = newestFirst ? "DESC" : "ASC";
    Query q = h.createQuery("SELECT " + columns + " FROM " + hitsOf(pattern)
            + cursor.map(id -> " AND m.id " + (newestFirst ? "<" : ">") + " :id").orElse("")
            + " ORDER BY m.id " + dir + ", m.session_id " + dir + " LIMIT :limit")
        .bind("owner", text.text(ownerId))
        .bind("pattern", pattern.value())
        .bind("limit", limit);
    cursor.ifPresent(id -> q.bind("id", id));
    return q.map((rs, c) -> message(rs)).list();
  }

  /** A message a scan read: its id, and the message, or empty if a value of it does not open (see the log). */
  record Scanned(String id, long seq, Optional<Message> message) {}

  /**
   * Up to {@code limit} messages of {@code ownerId}'s sessions that are not deleted, by message id,
   * newest first or oldest first, strictly beyond {@code after}: what a store sealing values scans for
   * a search, since SQL cannot see sealed text.
   */
  List<Scanned> scanOwner(Handle h, String ownerId, Optional<String> after, boolean newestFirst, int limit) {
    String dir = newestFirst ? "DESC" : "ASC";
    Query q = h.createQuery("SELECT " + columns + " FROM chatstore_messages m JOIN chatstore_sessions s"
            + " ON s.id = m.session_id WHERE s.owner_id = :owner AND s.deleted_at IS NULL"
            + after.map(id -> " AND m.id " + (newestFirst ? "<" : ">") + " :id").orElse("")
            + " ORDER BY m.id " + dir + ", m.session_id " + dir + " LIMIT :limit")
        .bind("owner", text.text(ownerId))
        .bind("limit", limit);
    after.ifPresent(id -> q.bind("id", id));
    return q.map((rs, c) -> scanned(rs)).list();
  }

  /** Up to {@code limit} messages of a session from seq {@code from} on, in order, as {@link #scanOwner} reads them. */
  List<Scanned> scanSession(Handle h, String sessionId, long from, int limit) {
    return h.createQuery("SELECT " + columns + " FROM chatstore_messages m"
            + " WHERE m.session_id = :session AND m.seq >= :from ORDER BY m.seq LIMIT :limit")
        .bind("session", sessionId)
        .bind("from", from)
        .bind("limit", limit)
        .map((rs, c) -> scanned(rs))
        .list();
  }

  private Scanned scanned(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    long seq = rs.getLong("seq");
    try {
      return new Scanned(id, seq, Optional.of(message(rs)));
    } catch (ChatStoreException e) {
      // a value that does not open cannot match; reading the message itself says why
      LOG.warn("a scan for text passes over {}: {}", where(rs.getString("session_id"), id), e.getMessage());
      return new Scanned(id, seq, Optional.empty());
    }
  }

  /** Whether a hit of the same search lies past message id {@code id}: newer (a greater id) or older. */
  boolean anyHit(Handle h, String ownerId, LikePattern pattern, String id, boolean newer) {
    return h.createQuery("SELECT 1 FROM " + hitsOf(pattern) + " AND m.id " + (newer ? ">" : "<") + " :id LIMIT 1")
        .bind("owner", text.text(ownerId))
        .bind("pattern", pattern.value())
        .bind("id", id)
        .mapTo(Integer.class)
        .findFirst()
        .isPresent();
  }

  /** The owner's messages whose text matches: through the owner index and each session's primary key. */
  private String hitsOf(LikePattern pattern) {
    return "chatstore_messages m JOIN chatstore_sessions s ON s.id = m.session_id"
        + " WHERE s.owner_id = :owner AND s.deleted_at IS NULL AND " + contains("m", ":pattern", pattern);
  }

  /**
   * A condition: the text of message {@code m} (a table alias), stored content plus streamed chunks,
   * contains LIKE pattern parameter {@code parameter}, ignoring case.
   */
  String contains(String m, String parameter, LikePattern pattern) {
    String fullContent = "(" + m + ".content || COALESCE(" + chunks.streamedText(m) + ", ''))";
    return dialect.containsIgnoringCase(fullContent, parameter, pattern.folded());
  }

  // ---- rows ----------------------------------------------------------------------------------

  /**
   * A row read with {@link #columns}: an unfinished message's content includes the text streamed so
   * far, and if anything beyond text streamed (reasoning, a signature, attachments), its parts are
   * {@link dev.chatstore.spi.StreamDelta#parts()} of all of it (a streamed message has no body until
   * its end). A text-only stream has no extras: nothing more is parsed for it.
   */
  Message message(ResultSet rs) throws SQLException {
    String sessionId = rs.getString("session_id");
    long seq = rs.getLong("seq");
    String where = where(sessionId, seq);
    String id = rs.getString("id");
    try {
      String content = sealer.fromText(rs.getString("content"), scope(sessionId, id, CONTENT), where);
      String streamed = rs.getString("streamed");
      if (streamed != null) {
        content = content + chunks.openStreamedText(streamed, sessionId, id, where + " (stream chunks)");
      }
      String extras = rs.getString("streamed_extras");
      MessageBody body = extras == null ? body(content, rs.getString("body"), sessionId, id, where)
          : streamedBody(content, chunks.openStreamedExtras(extras, sessionId, id, where + " (stream chunks)"));
      String results = rs.getString("tool_result");
      List<ToolResult> toolResults = results == null ? List.of() : toolResults(results, sessionId, id, where);
      return new Message(id, sessionId, seq, Role.valueOf(rs.getString("role")), body.parts(),
          MessageStatus.valueOf(rs.getString("status")), toolCalls(rs.getString("tool_calls"), sessionId, id, where),
          toolResults,
          metadataCodec.decode(sealer.jsonText(rs.getString("metadata"), scope(sessionId, id, METADATA), where)),
          body.attributesJson(), body.name(),
          Rows.required(rs, "created_at", where), Rows.required(rs, "updated_at", where), rs.getInt("revision"));
    } catch (InvalidInputException | IllegalArgumentException | DateTimeException | NullPointerException e) {
      throw Rows.corrupt(where, e);
    }
  }

  /** The body of a row: {@code content} alone when {@code stored} is NULL (a plain-text message). */
  private MessageBody body(String content, String stored, String sessionId, String id, String where) {
    if (stored == null) {
      return MessageBody.plain(content);
    }
    String json = sealer.fromText(stored, scope(sessionId, id, BODY), where);
    return Rows.decoded(where, () -> MessageBody.read(content, Optional.of(json), "body"));
  }

  /** The body of an unfinished message from its text so far and its chunks' extras, one a line. */
  private static MessageBody streamedBody(String content, String extras) {
    StreamSum sum = new StreamSum(content);
    ChunkTable.addStreamedExtras(extras, sum);
    return sum.body();
  }

  /** The calls of a stored {@code tool_calls} value; {@code where} names the row if it is not one. */
  List<ToolCall> toolCalls(String stored, String sessionId, String messageId, String where) {
    if ("[]".equals(stored)) {
      return List.of(); // most messages: no need to parse
    }
    CipherScope scope = scope(sessionId, messageId, TOOL_CALLS);
    return Rows.decoded(where, () -> ToolJson.calls(sealer.tree(stored, scope, where), "tool_calls"));
  }

  /** The results of a stored {@code tool_result} value (an object or an array); {@code where} names the row. */
  List<ToolResult> toolResults(String stored, String sessionId, String messageId, String where) {
    CipherScope scope = scope(sessionId, messageId, TOOL_RESULT);
    return Rows.decoded(where, () -> ToolJson.results(sealer.tree(stored, scope, where), "tool_result"));
  }

  /** The scope a sealed field of a message is bound to. */
  static CipherScope scope(String sessionId, String messageId, String field) {
    return CipherScope.message(sessionId, messageId, field);
  }

  /** A stored status; {@code where} names the row if it is not one. */
  static MessageStatus status(String value, String where) {
    try {
      return MessageStatus.valueOf(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CorruptDataException(where, "unknown status " + value, e);
    }
  }

  /** How errors name a message row by its key. */
  static String where(String sessionId, long seq) {
    return "chatstore_messages session_id=" + sessionId + " seq=" + seq;
  }

  /** How errors name a message row by its id. */
  static String where(String sessionId, String messageId) {
    return "chatstore_messages session_id=" + sessionId + " id=" + messageId;
  }

  private static StreamState streamState(ResultSet rs) throws SQLException {
    String sessionId = rs.getString("session_id");
    String messageId = rs.getString("id");
    String where = where(sessionId, messageId);
    return new StreamState(sessionId, messageId, status(rs.getString("status"), where),
        Rows.required(rs, "updated_at", where));
  }
}
