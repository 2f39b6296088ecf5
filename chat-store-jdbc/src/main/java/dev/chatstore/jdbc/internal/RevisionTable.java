package dev.chatstore.jdbc.internal;

import dev.chatstore.InvalidInputException;
import dev.chatstore.MessageRevision;
import dev.chatstore.NewMessage;
import dev.chatstore.Part;
import dev.chatstore.spi.CipherScope;
import dev.chatstore.spi.MessageBody;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The {@code chatstore_message_revisions} table, the one owner of its SQL and its row mapping: the
 * revisions of a revised message's parts, keyed by (session_id, message_id, revision_no), written as
 * spi's {@link dev.chatstore.spi.Revisions#toStore} lists them and read back as one range of that key.
 * Parts are stored as the message table stores them: {@code content} (the text parts joined) and,
 * unless the parts are that text as one part, {@code body} ({@link MessageBody}'s JSON, holding parts
 * only: attributes and name belong to the message, not to a revision); every text value, the author
 * included, through the {@link TextCodec}. A row that does not decode is a
 * {@link dev.chatstore.CorruptDataException} naming the table and key. Immutable and thread-safe.
 */
final class RevisionTable {
  private static final String INSERT = "INSERT INTO chatstore_message_revisions (session_id, message_id,"
      + " revision_no, content, body, author, revised_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT = "SELECT revision_no, content, body, author, revised_at"
      + " FROM chatstore_message_revisions WHERE session_id = ? AND message_id = ? ORDER BY revision_no";

  private final Sealer sealer;

  RevisionTable(Sealer sealer) {
    this.sealer = sealer;
  }

  /** The scope a revision's field ({@code content}, {@code body}, {@code author}) is sealed with. */
  static CipherScope scope(String sessionId, String messageId, int number, String part) {
    return CipherScope.message(sessionId, messageId, "revision." + number + "." + part);
  }

  /** Adds {@code revisions} of the message, in one batch. */
  void insert(Handle h, String sessionId, String messageId, List<MessageRevision> revisions) {
    PreparedBatch batch = h.prepareBatch(INSERT);
    for (MessageRevision r : revisions) {
      batch.bind(0, sessionId)
          .bind(1, messageId)
          .bind(2, r.number())
          .bind(3, sealer.text(r.content(), scope(sessionId, messageId, r.number(), "content")))
          .bind(4, body(r.parts()).json()
              .map(b -> sealer.text(b, scope(sessionId, messageId, r.number(), "body"))).orElse(null))
          .bind(5, r.author().map(a -> sealer.text(a, scope(sessionId, messageId, r.number(), "author"))).orElse(null))
          .bind(6, Db.at(r.at()))
          .add();
    }
    batch.execute();
  }

  /** What is stored for the message, oldest first: nothing for a message never revised. */
  List<MessageRevision> read(Handle h, String sessionId, String messageId) {
    return h.createQuery(SELECT)
        .bind(0, sessionId)
        .bind(1, messageId)
        .map((rs, c) -> revision(rs, sessionId, messageId))
        .list();
  }

  private MessageRevision revision(ResultSet rs, String sessionId, String messageId) throws SQLException {
    int number = rs.getInt("revision_no");
    String where = "chatstore_message_revisions session_id=" + sessionId + " message_id=" + messageId
        + " revision_no=" + number;
    try {
      String content = sealer.fromText(rs.getString("content"), scope(sessionId, messageId, number, "content"), where);
      String stored = rs.getString("body");
      String body = stored == null ? null : sealer.fromText(stored, scope(sessionId, messageId, number, "body"), where);
      List<Part> parts = body == null ? MessageBody.plain(content).parts()
          : Rows.decoded(where, () -> MessageBody.read(content, Optional.of(body), "body")).parts();
      String author = rs.getString("author");
      return new MessageRevision(number, parts, author == null ? Optional.empty()
          : Optional.of(sealer.fromText(author, scope(sessionId, messageId, number, "author"), where)),
          Rows.required(rs, "revised_at", where));
    } catch (InvalidInputException | IllegalArgumentException | DateTimeException | NullPointerException e) {
      throw Rows.corrupt(where, e);
    }
  }

  /** A revision's parts as a body: no attributes, no name, so plain text needs none. */
  private static MessageBody body(List<Part> parts) {
    return new MessageBody(parts, NewMessage.NO_ATTRIBUTES, Optional.empty());
  }
}
