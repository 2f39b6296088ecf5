package dev.chatstore.jdbc.internal;

import dev.chatstore.MessageNotFoundException;
import dev.chatstore.MessageStatus;
import dev.chatstore.ToolCall;
import dev.chatstore.spi.StreamDelta;
import dev.chatstore.spi.StreamSink.Write;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Many streams' flushes in one transaction, each kind of change one statement prepared once: lock
 * the sessions' rows, check the messages still stream, mark a message STREAMING (and move its
 * session's updated_at) only at its first flush, with new tool calls or once {@link #MARK_EVERY}
 * has passed, and insert one chunk row each (its text, and its extras if the write has any: see
 * {@link ChunkTable}).
 *
 * <p>The session row is the lock: every change that ends or removes a streamed message takes its
 * session's row first (see {@link Unfinished#lockSessions}), so once a flush holds the session, the
 * status it reads cannot change before it commits, and a chunk can never land after its message
 * was ended. Locking the message row instead would rewrite it on every flush: on H2 that rewrites
 * the whole storage page holding it, and message pages are full of earlier replies' content (that
 * page serialization was most of a group commit's cost when profiled). Session rows are small and
 * a hundred of them share a few pages. The message row is rewritten on its first flush, when tool
 * calls arrive, and at most every {@link #MARK_EVERY} in between, so its updated_at still shows
 * recovery in another process that the stream is alive.
 *
 * <p>Why plain JDBC batches: this runs thousands of times a second with a hundred streams, and
 * preparing, binding and mapping each statement through Jdbi cost more CPU than H2 spent executing
 * them (profiled: about a third of the flusher threads' time).
 *
 * <p>Unlike a single checked write it does not read the chunks already stored: a chunk number taken
 * by an earlier attempt whose commit was not acknowledged fails the insert on the primary key, and
 * the caller then retries each write on its own, which reads them.
 *
 * <p>Lock order, as everywhere in this package: session rows (here in id order), then message rows.
 */
final class GroupWrite {
  /** How often, at most, a streaming message's row is marked again while it keeps flushing. */
  static final Duration MARK_EVERY = Duration.ofSeconds(1);

  private final JdbcContext ctx;

  /** Where a stream's writing stands: the number its next chunk takes, and when its row was last marked. */
  record Progress(int nextChunk, Instant markedAt) {
    static Progress begun(Instant at) {
      return new Progress(1, at);
    }
  }

  /** Each write's outcome: its stream's new progress, or why it could not be done. */
  record Result(Map<Integer, Progress> progress, Map<Integer, RuntimeException> failures) {}

  GroupWrite(JdbcContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Writes {@code writes} inside the open transaction on {@code c}, write i at {@code progress.get(i)}.
   * A write whose message no longer streams (ended or gone) fails alone; anything else throws, and
   * the transaction must be rolled back.
   */
  Result run(Connection c, List<Write> writes, List<Progress> progress, Instant now) throws SQLException {
    List<Integer> order = lockOrder(writes.size(), i -> writes.get(i).sessionId(), i -> writes.get(i).messageId());
    Unfinished.lockSessions(c, writes.stream().map(Write::sessionId).toList());

    Map<Integer, RuntimeException> failures = new HashMap<>();
    Map<Integer, Stored> stored = read(c, writes, order, failures);
    Map<Integer, Progress> next = new HashMap<>();
    List<Integer> live = new ArrayList<>(stored.size());
    List<Integer> toMark = new ArrayList<>();
    for (int i : order) {
      Stored s = stored.get(i);
      if (s == null) {
        continue;
      }
      live.add(i);
      Progress p = progress.get(i);
      Write w = writes.get(i);
      boolean mark = s.status() == MessageStatus.PENDING || !w.delta().toolCalls().isEmpty()
          || !p.markedAt().plus(MARK_EVERY).isAfter(now);
      if (mark) {
        toMark.add(i);
      }
      boolean chunk = !w.delta().isEmpty();
      next.put(i, new Progress(chunk ? p.nextChunk() + 1 : p.nextChunk(), mark ? now : p.markedAt()));
    }
    mark(c, writes, toMark, stored, now);
    SortedSet<String> touched = new TreeSet<>();
    toMark.forEach(i -> touched.add(writes.get(i).sessionId()));
    touchSessions(c, touched, now);
    insertChunks(c, writes, progress, live);
    return new Result(next, failures);
  }

  /**
   * {@code indexes} sorted as a group's items must take their locks: by session id, then by
   * {@code then} (a stable sort, so equal keys keep their order).
   */
  static List<Integer> lockOrder(List<Integer> indexes, IntFunction<String> session, IntFunction<String> then) {
    List<Integer> order = new ArrayList<>(indexes);
    order.sort(Comparator.comparing((Integer i) -> session.apply(i)).thenComparing(i -> then.apply(i)));
    return order;
  }

  /** Indexes 0 to {@code count - 1} in lock order (see above). */
  static List<Integer> lockOrder(int count, IntFunction<String> session, IntFunction<String> then) {
    List<Integer> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      all.add(i);
    }
    return lockOrder(all, session, then);
  }

  /** A message's stored status and tool calls (JSON, read only where calls are added). */
  private record Stored(MessageStatus status, String toolCallsJson) {}

  /** The status of each write's message; a message gone or ended is a failure for its write. */
  private Map<Integer, Stored> read(Connection c, List<Write> writes, List<Integer> order,
      Map<Integer, RuntimeException> failures) throws SQLException {
    Map<Integer, Stored> stored = new HashMap<>();
    try (PreparedStatement select = c.prepareStatement(MessageTable.SELECT_FOR_WRITE)) {
      for (int i : order) {
        Write w = writes.get(i);
        select.setString(1, w.sessionId());
        select.setString(2, w.messageId());
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            failures.put(i, new MessageNotFoundException(w.sessionId(), w.messageId()));
            continue;
          }
          MessageStatus status = MessageTable.status(rs.getString("status"),
              MessageTable.where(w.sessionId(), w.messageId()));
          if (status.isFinal()) {
            failures.put(i, Unfinished.ended(w.sessionId(), w.messageId(), status));
            continue;
          }
          stored.put(i, new Stored(status, w.delta().toolCalls().isEmpty() ? "" : rs.getString("tool_calls")));
        }
      }
    }
    return stored;
  }

  /** Sets STREAMING and updated_at (and the tool calls, where new ones came) on the given messages. */
  private void mark(Connection c, List<Write> writes, List<Integer> toMark, Map<Integer, Stored> stored, Instant now)
      throws SQLException {
    if (toMark.isEmpty()) {
      return;
    }
    try (PreparedStatement mark = c.prepareStatement(MessageTable.MARK_STREAMING)) {
      for (int i : toMark) {
        Db.setAt(mark, 1, now);
        mark.setString(2, writes.get(i).sessionId());
        mark.setString(3, writes.get(i).messageId());
        mark.addBatch();
      }
      mark.executeBatch();
    }
    for (int i : toMark) {
      Write w = writes.get(i);
      if (w.delta().toolCalls().isEmpty()) {
        continue;
      }
      MessageTable table = ctx.messageTable();
      String where = MessageTable.where(w.sessionId(), w.messageId());
      List<ToolCall> all = new ArrayList<>(table.toolCalls(stored.get(i).toolCallsJson(), w.sessionId(), w.messageId(),
          where));
      all.addAll(w.delta().toolCalls());
      try (PreparedStatement calls = c.prepareStatement(table.setToolCalls)) {
        calls.setString(1, table.toolCallsJson(w.sessionId(), w.messageId(), all));
        calls.setString(2, w.sessionId());
        calls.setString(3, w.messageId());
        calls.executeUpdate();
      }
    }
  }

  private void insertChunks(Connection c, List<Write> writes, List<Progress> progress, List<Integer> live)
      throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(ChunkTable.INSERT)) {
      boolean any = false;
      for (int i : live) {
        Write w = writes.get(i);
        StreamDelta delta = w.delta();
        if (delta.isEmpty()) {
          continue;
        }
        insert.setString(1, w.sessionId());
        insert.setString(2, w.messageId());
        insert.setInt(3, progress.get(i).nextChunk());
        int number = progress.get(i).nextChunk();
        insert.setString(4, ctx.chunkTable().text(delta, w.sessionId(), w.messageId(), number));
        insert.setInt(5, delta.toolCalls().size());
        // NULL for text and tool calls only: no JSON built
        String extras = ctx.chunkTable().extras(delta, w.sessionId(), w.messageId(), number);
        if (extras != null) {
          insert.setString(6, extras);
        } else {
          insert.setNull(6, Types.VARCHAR);
        }
        insert.addBatch();
        any = true;
      }
      if (any) {
        insert.executeBatch();
      }
    }
  }

  private static void touchSessions(Connection c, SortedSet<String> sessionIds, Instant now) throws SQLException {
    if (sessionIds.isEmpty()) {
      return;
    }
    try (PreparedStatement touch = c.prepareStatement(SessionTable.TOUCH)) {
      for (String id : sessionIds) {
        Db.setAt(touch, 1, now);
        touch.setString(2, id);
        touch.addBatch();
      }
      touch.executeBatch();
    }
  }
}
