package dev.chatstore.jdbc.internal;

import dev.chatstore.spi.StreamSum;
import dev.chatstore.CorruptDataException;
import dev.chatstore.Message;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.MessageStatus;
import dev.chatstore.ToolCall;
import dev.chatstore.spi.Previews;
import dev.chatstore.spi.StreamDelta;
import dev.chatstore.spi.StreamSink.Results;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ends streamed messages inside the caller's transaction, many at once, each kind of change one
 * batched statement: lock the sessions' rows, read each message and its chunks, fold the chunks and
 * the last delta into the message with the final status (and metadata, if given), delete the
 * chunks, and set the session's preview if the message is its last. Used for every end: a stream's
 * own, recovery of a dead process's stream, and an update setting a final status.
 *
 * <p>Plain JDBC for the same reason as {@link GroupWrite}: a hundred replies ending together ran
 * six Jdbi statements each, and that per-statement work was most of an end's CPU when profiled.
 *
 * <p>The end sets content (the text streamed), tool calls, status and metadata. If anything beyond
 * text streamed (reasoning, a signature, attachments: a chunk's extras or the last delta's), it sets
 * the body too, to the {@link dev.chatstore.spi.MessageBody} of {@link StreamDelta#parts()} of
 * everything streamed (no attributes, no name). Otherwise it leaves the body as it is, as it leaves the
 * tool results: a text-only stream's message keeps its NULL body, exactly as before streams had two
 * channels, and a message ended by an update with nothing streamed keeps whatever else it holds.
 *
 * <p>Lock order, as everywhere in this package: session rows (in id order), then message rows.
 */
final class GroupEnd {
  /**
   * One message to end with {@code status}: it becomes what is stored + its chunks + {@code delta}
   * (tool calls: stored calls + the delta's). Stored chunks numbered {@code resumeAt} or more may have
   * been written by a flush whose commit was not acknowledged: where such a chunk is the head of the
   * delta ({@link ChunkTable.Chunk#restOf}), that head is not added again.
   */
  record Item(String sessionId, String messageId, int resumeAt, StreamDelta delta, MessageStatus status,
      Optional<String> metadataJson) {
    /** Ending a stream no process is writing any more: nothing is added, only the status is set. */
    static Item abandoned(String sessionId, String messageId, MessageStatus status, Optional<String> metadataJson) {
      return new Item(sessionId, messageId, Integer.MAX_VALUE, StreamDelta.EMPTY, status, metadataJson);
    }
  }

  private final JdbcContext ctx;

  GroupEnd(JdbcContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Ends {@code items} inside the open transaction on {@code c} and returns them as stored. An item
   * whose message is gone or has already ended fails alone, before anything is written for it;
   * anything else throws, and the transaction must be rolled back. The sessions' updated_at moves
   * to {@code now} if {@code touchSessions} (a stream ending moves it; recovery does not).
   */
  Results run(Connection c, List<Item> items, Instant now, boolean touchSessions) throws SQLException {
    List<Integer> order = GroupWrite.lockOrder(items.size(), i -> items.get(i).sessionId(),
        i -> items.get(i).messageId());
    Unfinished.lockSessions(c, items.stream().map(Item::sessionId).toList());

    Map<Integer, RuntimeException> failures = new HashMap<>();
    Map<Integer, Stored> stored = read(c, items, order, failures);
    Map<Integer, Ended> ended = new HashMap<>();
    for (int i : order) {
      if (stored.containsKey(i)) {
        ended.put(i, fold(c, items.get(i), stored.get(i)));
      }
    }
    List<Integer> live = GroupWrite.lockOrder(new ArrayList<>(ended.keySet()), i -> items.get(i).sessionId(),
        i -> items.get(i).messageId());
    updateMessages(c, items, live, ended, now);
    deleteChunks(c, items, live, ended);
    updateSessions(c, items, live, stored, ended, now, touchSessions);
    return new Results(readBack(c, items, live), failures);
  }

  /** The one message of a run of one item, or the failure it ended with. */
  static Message only(Results results) {
    RuntimeException failure = results.failures().get(0);
    if (failure != null) {
      throw failure;
    }
    return results.messages().get(0);
  }

  /** What an end needs of a message row. */
  private record Stored(long seq, String content, String toolCallsJson, List<ToolCall> toolCalls) {}

  /**
   * A message's new content, tool calls (JSON as stored) and body (JSON, empty to keep the stored one),
   * and whether it had chunks to delete.
   */
  private record Ended(String content, String toolCallsJson, Optional<String> bodyJson, boolean hadChunks) {}

  private Map<Integer, Stored> read(Connection c, List<Item> items, List<Integer> order,
      Map<Integer, RuntimeException> failures) throws SQLException {
    Map<Integer, Stored> stored = new HashMap<>();
    try (PreparedStatement select = c.prepareStatement(MessageTable.SELECT_FOR_END)) {
      for (int i : order) {
        Item item = items.get(i);
        String where = MessageTable.where(item.sessionId(), item.messageId());
        select.setString(1, item.sessionId());
        select.setString(2, item.messageId());
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            failures.put(i, new MessageNotFoundException(item.sessionId(), item.messageId()));
            continue;
          }
          MessageStatus status = MessageTable.status(rs.getString("status"), where);
          if (status.isFinal()) {
            failures.put(i, Unfinished.ended(item.sessionId(), item.messageId(), status));
            continue;
          }
          String callsJson = rs.getString("tool_calls");
          List<ToolCall> calls = item.delta().toolCalls().isEmpty() ? List.of()
              : ctx.messageTable().toolCalls(callsJson, item.sessionId(), item.messageId(), where);
          String content = ctx.sealer().fromText(rs.getString("content"),
              MessageTable.scope(item.sessionId(), item.messageId(), MessageTable.CONTENT), where);
          stored.put(i, new Stored(rs.getLong("seq"), content,
              callsJson, calls));
        }
      }
    }
    return stored;
  }

  /**
   * Stored content + chunks + what of the delta no chunk already holds; stored calls + the new ones;
   * the body of all that streamed, if more than text did.
   */
  private Ended fold(Connection c, Item item, Stored stored) throws SQLException {
    List<ChunkTable.Chunk> chunks = ctx.chunkTable().read(c, item.sessionId(), item.messageId(), 1);
    StreamSum sum = new StreamSum(stored.content());
    StreamDelta rest = item.delta();
    for (ChunkTable.Chunk chunk : chunks) {
      sum.add(chunk.stored());
      // as in a checked write: a flush committed without our knowing is already in the chunks
      if (chunk.number() >= item.resumeAt()) {
        rest = chunk.restOf(rest).orElse(rest);
      }
    }
    sum.add(rest);
    String callsJson = stored.toolCallsJson();
    if (!rest.toolCalls().isEmpty()) {
      List<ToolCall> all = new ArrayList<>(stored.toolCalls());
      all.addAll(rest.toolCalls());
      callsJson = ctx.messageTable().toolCallsJson(item.sessionId(), item.messageId(), all);
    }
    Optional<String> body = sum.hasExtras() ? sum.body().json() : Optional.empty();
    return new Ended(sum.text(), callsJson, body, !chunks.isEmpty());
  }

  private void updateMessages(Connection c, List<Item> items, List<Integer> live, Map<Integer, Ended> ended,
      Instant now) throws SQLException {
    if (live.isEmpty()) {
      return;
    }
    try (PreparedStatement update = c.prepareStatement(ctx.messageTable().end)) {
      for (int i : live) {
        Item item = items.get(i);
        Ended e = ended.get(i);
        Sealer sealer = ctx.sealer();
        update.setString(1, sealer.text(e.content(), MessageTable.scope(item.sessionId(), item.messageId(),
            MessageTable.CONTENT)));
        update.setString(2, e.toolCallsJson());
        update.setString(3, item.status().name());
        Db.setAt(update, 4, now);
        if (item.metadataJson().isPresent()) {
          update.setString(5, sealer.json(item.metadataJson().get(), MessageTable.scope(item.sessionId(),
              item.messageId(), MessageTable.METADATA)));
        } else {
          update.setNull(5, Types.VARCHAR);
        }
        if (e.bodyJson().isPresent()) {
          update.setString(6, sealer.text(e.bodyJson().get(), MessageTable.scope(item.sessionId(),
              item.messageId(), MessageTable.BODY)));
        } else {
          update.setNull(6, Types.VARCHAR);
        }
        update.setString(7, item.sessionId());
        update.setString(8, item.messageId());
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  private static void deleteChunks(Connection c, List<Item> items, List<Integer> live, Map<Integer, Ended> ended)
      throws SQLException {
    try (PreparedStatement delete = c.prepareStatement(ChunkTable.DELETE)) {
      boolean any = false;
      for (int i : live) {
        if (ended.get(i).hadChunks()) {
          delete.setString(1, items.get(i).sessionId());
          delete.setString(2, items.get(i).messageId());
          delete.addBatch();
          any = true;
        }
      }
      if (any) {
        delete.executeBatch();
      }
    }
  }

  /** The preview follows a stream when it ends, if it is still the last message of its session. */
  private void updateSessions(Connection c, List<Item> items, List<Integer> live, Map<Integer, Stored> stored,
      Map<Integer, Ended> ended, Instant now, boolean touchSessions) throws SQLException {
    if (live.isEmpty()) {
      return;
    }
    try (PreparedStatement update = c.prepareStatement(
        touchSessions ? SessionTable.TOUCH_AND_PREVIEW_IF_LAST : SessionTable.PREVIEW_IF_LAST)) {
      for (int i : live) {
        int p = 1;
        if (touchSessions) {
          Db.setAt(update, p++, now);
        }
        update.setLong(p++, stored.get(i).seq());
        update.setString(p++, ctx.sealer().text(Previews.of(ended.get(i).content()),
            SessionTable.scope(items.get(i).sessionId(), SessionTable.PREVIEW)));
        update.setString(p, items.get(i).sessionId());
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  /** The ended messages as a reader sees them, read back so they cannot differ from a later read. */
  private Map<Integer, Message> readBack(Connection c, List<Item> items, List<Integer> live) throws SQLException {
    Map<Integer, Message> messages = new HashMap<>();
    MessageTable table = ctx.messageTable();
    try (PreparedStatement select = c.prepareStatement(table.selectOne)) {
      for (int i : live) {
        select.setString(1, items.get(i).sessionId());
        select.setString(2, items.get(i).messageId());
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            throw new CorruptDataException(MessageTable.where(items.get(i).sessionId(), items.get(i).messageId()),
                "the row vanished while its stream was being ended");
          }
          messages.put(i, table.message(rs));
        }
      }
    }
    return messages;
  }
}
