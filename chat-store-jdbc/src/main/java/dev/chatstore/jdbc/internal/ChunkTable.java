package dev.chatstore.jdbc.internal;

import dev.chatstore.CorruptDataException;
import dev.chatstore.spi.StreamSum;
import dev.chatstore.spi.StreamDelta;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The {@code chatstore_stream_chunks} table: one row per flush of a stream still being written,
 * numbered per message, folded into the message's content (and, if anything beyond text streamed,
 * its body) when the stream ends. A chunk holds its text, how many tool calls its flush added to the
 * message row, and its {@link StreamDelta#extrasJson() extras} (reasoning, signature, attachments;
 * NULL for text and tool calls only). Owns the table's SQL and reads its rows. Immutable and
 * thread-safe.
 */
final class ChunkTable {
  /**
   * Adds a chunk: session id, message id, chunk number, text (stored form), tool calls the flush
   * wrote, extras (stored form, or NULL).
   */
  static final String INSERT = "INSERT INTO chatstore_stream_chunks"
      + " (session_id, message_id, chunk_no, chunk_text, tool_call_count, extras) VALUES (?, ?, ?, ?, ?, ?)";
  /** Removes a message's chunks: session id, message id. */
  static final String DELETE = "DELETE FROM chatstore_stream_chunks WHERE session_id = ? AND message_id = ?";
  private static final String SELECT_FROM = "SELECT chunk_no, chunk_text, tool_call_count, extras"
      + " FROM chatstore_stream_chunks WHERE session_id = ? AND message_id = ? AND chunk_no >= ? ORDER BY chunk_no";
  /**
   * Between two chunks' extras in {@link #streamedExtras}: a raw newline, which compact JSON never
   * holds (a newline inside a string is written {@code \n}), nor PgText's escaped form of it.
   */
  private static final String EXTRAS_SEPARATOR = "\n";

  /**
   * One chunk row: its number, what its flush stored ({@code stored}: its text and extras; the tool
   * calls are on the message row) and how many tool calls that flush wrote.
   */
  record Chunk(int number, StreamDelta stored, int toolCalls) {
    /**
     * What {@code retry} adds to this chunk if the chunk is its head ({@link StreamDelta#startsWith}):
     * the chunk was stored by an attempt of the same write whose commit was not acknowledged. Empty if
     * the chunk is not its head. The chunk's tool calls are the retry's first ones (the row keeps only
     * their count); a signature the chunk stored already is not repeated.
     */
    Optional<StreamDelta> restOf(StreamDelta retry) {
      if (toolCalls > retry.toolCalls().size()) {
        return Optional.empty();
      }
      StreamDelta landed = new StreamDelta(stored.text(), stored.reasoning(), stored.signature(),
          retry.toolCalls().subList(0, toolCalls), stored.attachments());
      if (!retry.startsWith(landed)) {
        return Optional.empty();
      }
      StreamDelta rest = retry.after(landed);
      if (landed.signature().isPresent() && rest.signature().equals(landed.signature())) {
        rest = new StreamDelta(rest.text(), rest.reasoning(), Optional.empty(), rest.toolCalls(), rest.attachments());
      }
      return Optional.of(rest);
    }
  }

  /**
   * Between two sealed chunks in a streamed value of a store that seals: a newline, which a sealed
   * value never holds. Each sealed chunk is preceded by its number and a space, as its scope needs it.
   */
  private static final String SEALED_SEPARATOR = "\n";

  /** How a streamed value of sealed chunks starts: a chunk number, a space, the sealed prefix. */
  private static final Pattern NUMBERED_SEALED = Pattern.compile("^[0-9]+ " + Sealer.SEALED_PREFIX);

  private final Dialect dialect;
  private final Sealer sealer;

  ChunkTable(Dialect dialect, Sealer sealer) {
    this.dialect = dialect;
    this.sealer = sealer;
  }

  /** The field a chunk's text or extras ({@code part}) is sealed as: bound to the chunk's number. */
  static String field(int number, String part) {
    return "chunk." + number + "." + part;
  }

  /**
   * The text streamed into message {@code m} (a table alias) and not yet folded into its content:
   * its chunks joined in order, or NULL. Evaluated only for unfinished messages, in the same
   * statement as the row itself (with {@link #streamedExtras}), so a reader never sees a row and
   * chunks from either side of a stream's end.
   */
  String streamedText(String m) {
    return streamed(m, "c.chunk_text", "");
  }

  /**
   * The extras streamed into message {@code m} (a table alias), as {@link #streamedText}: the chunks'
   * extras in order, one a line, or NULL if none has any (every text-only stream: nothing to parse).
   * Read them with {@link #addStreamedExtras}.
   */
  String streamedExtras(String m) {
    return streamed(m, "c.extras", EXTRAS_SEPARATOR);
  }

  private String streamed(String m, String column, String separator) {
    // sealed chunks are opened one by one, each with its number: the aggregate keeps them apart
    String value = sealer.encrypts() ? "CAST(c.chunk_no AS VARCHAR(11)) || ' ' || " + column : column;
    return "CASE WHEN " + m + ".status IN " + MessageTable.UNFINISHED + " THEN (SELECT "
        + dialect.concatInOrder(value, "c.chunk_no", sealer.encrypts() ? SEALED_SEPARATOR : separator)
        + " FROM chatstore_stream_chunks c WHERE c.session_id = " + m + ".session_id AND c.message_id = " + m
        + ".id) END";
  }

  /** The text of a {@link #streamedText} value of message {@code messageId}. */
  String openStreamedText(String stored, String sessionId, String messageId, String where) {
    if (!sealer.encrypts()) {
      return plainStreamed(stored, sessionId, messageId, "text", where);
    }
    StringBuilder joined = new StringBuilder();
    openEach(stored, sessionId, messageId, "text", where, joined::append);
    return joined.toString();
  }

  /** The extras of a {@link #streamedExtras} value of message {@code messageId}, one a line. */
  String openStreamedExtras(String stored, String sessionId, String messageId, String where) {
    if (!sealer.encrypts()) {
      return plainStreamed(stored, sessionId, messageId, "extras", where);
    }
    StringBuilder joined = new StringBuilder();
    openEach(stored, sessionId, messageId, "extras", where,
        line -> joined.append(joined.length() == 0 ? "" : EXTRAS_SEPARATOR).append(line));
    return joined.toString();
  }

  /**
   * A streamed value in a store that does not seal. If it looks like sealed chunks (a store with keys
   * wrote them), opening them says which key they need (MissingKeyException) instead of showing
   * ciphertext; text that only starts alike reads as it is.
   */
  private String plainStreamed(String stored, String sessionId, String messageId, String part, String where) {
    if (NUMBERED_SEALED.matcher(stored).find()) {
      try {
        openEach(stored, sessionId, messageId, part, where, chunk -> { });
      } catch (CorruptDataException e) {
        // not sealed chunks after all
      }
    }
    return sealer.fromText(stored, MessageTable.scope(sessionId, messageId, "chunks." + part), where);
  }

  private void openEach(String stored, String sessionId, String messageId, String part, String where,
      Consumer<String> each) {
    for (String chunk : stored.split(SEALED_SEPARATOR)) {
      int space = chunk.indexOf(' ');
      int number;
      try {
        number = Integer.parseInt(chunk.substring(0, Math.max(space, 0)));
      } catch (NumberFormatException e) {
        throw new CorruptDataException(where, "a streamed chunk has no number", e);
      }
      String field = field(number, part);
      each.accept(sealer.fromText(chunk.substring(space + 1), MessageTable.scope(sessionId, messageId, field),
          where + " chunk_no=" + number));
    }
  }

  /**
   * Adds the extras of a {@link #streamedExtras} value (unescaped) to {@code sum}; an
   * {@link dev.chatstore.InvalidInputException} if one does not decode.
   */
  static void addStreamedExtras(String lines, StreamSum sum) {
    for (String line : lines.split(EXTRAS_SEPARATOR)) {
      sum.add(StreamDelta.EMPTY.withExtras(Optional.of(line), "extras"));
    }
  }

  /** The column value of {@code delta}'s text, as chunk {@code number} of the message. */
  String text(StreamDelta delta, String sessionId, String messageId, int number) {
    return sealer.text(delta.text(), MessageTable.scope(sessionId, messageId, field(number, "text")));
  }

  /** The column value of {@code delta}'s extras, as chunk {@code number} of the message, or NULL if it has none. */
  String extras(StreamDelta delta, String sessionId, String messageId, int number) {
    return delta.extrasJson()
        .map(e -> sealer.text(e, MessageTable.scope(sessionId, messageId, field(number, "extras"))))
        .orElse(null);
  }

  /** The message's chunks numbered {@code from} or more, in order. An index range read, usually of nothing. */
  List<Chunk> read(Connection c, String sessionId, String messageId, int from) throws SQLException {
    String where = "chatstore_stream_chunks session_id=" + sessionId + " message_id=" + messageId;
    List<Chunk> chunks = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(SELECT_FROM)) {
      select.setString(1, sessionId);
      select.setString(2, messageId);
      select.setInt(3, from);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          int number = rs.getInt("chunk_no");
          String row = where + " chunk_no=" + number;
          StreamDelta stored = StreamDelta.of(sealer.fromText(rs.getString("chunk_text"),
              MessageTable.scope(sessionId, messageId, field(number, "text")), row), List.of());
          String extras = rs.getString("extras");
          if (extras != null) { // a text-only chunk has none: nothing to parse
            StreamDelta head = stored;
            String json = sealer.fromText(extras, MessageTable.scope(sessionId, messageId, field(number, "extras")), row);
            stored = Rows.decoded(row, () -> head.withExtras(Optional.of(json), "extras"));
          }
          chunks.add(new Chunk(number, stored, rs.getInt("tool_call_count")));
        }
      }
    }
    return chunks;
  }
}
