package dev.chatstore.jdbc.internal;

import dev.chatstore.Message;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.spi.StreamSink.Results;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens many streams inside the caller's transaction, each kind of change one batched statement:
 * lock each session's row and read its next seq, reserve the seqs, insert the PENDING rows. The
 * same writes as {@link Appender} makes for one message, in plain JDBC for the reason given in
 * {@link GroupWrite}: a hundred streams open together at the start of a round of replies.
 *
 * <p>Lock order, as everywhere in this package: session rows in id order.
 */
final class GroupBegin {
  /** One stream to open: its PENDING row in a session. */
  record Item(String sessionId, Appender.Row row) {}

  private final JdbcContext ctx;

  GroupBegin(JdbcContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Inserts the rows inside the open transaction on {@code c} and returns them as stored. An item
   * whose session does not exist or is deleted fails alone, before anything is written for it;
   * anything else (a message id the session already holds) throws, and the transaction must be
   * rolled back.
   */
  Results run(Connection c, List<Item> items, Instant now) throws SQLException {
    List<Integer> order = GroupWrite.lockOrder(items.size(), i -> items.get(i).sessionId(), i -> "");
    Map<Integer, RuntimeException> failures = new HashMap<>();
    Map<Integer, Long> seqs = reserve(c, items, order, failures, now);
    Map<Integer, Message> messages = new HashMap<>();
    MessageTable table = ctx.messageTable();
    try (PreparedStatement insert = c.prepareStatement(table.insert)) {
      for (int i : order) {
        Long seq = seqs.get(i);
        if (seq == null) {
          continue;
        }
        Item item = items.get(i);
        Message m = item.row().at(item.sessionId(), seq, now);
        table.addInsert(insert, m, item.row().metadataJson());
        messages.put(i, m);
      }
      if (!messages.isEmpty()) {
        insert.executeBatch();
      }
    }
    return new Results(messages, failures);
  }

  /**
   * Locks each session's row in order and reserves one seq per item in it, moving next_seq,
   * message_count and updated_at; returns each item's seq. Items of a missing or deleted session
   * fail alone.
   */
  private static Map<Integer, Long> reserve(Connection c, List<Item> items, List<Integer> order,
      Map<Integer, RuntimeException> failures, Instant now) throws SQLException {
    Map<Integer, Long> seqs = new HashMap<>();
    try (PreparedStatement lock = c.prepareStatement(SessionTable.LOCK);
        PreparedStatement bump = c.prepareStatement(SessionTable.RESERVE)) {
      boolean any = false;
      int at = 0;
      while (at < order.size()) {
        String sessionId = items.get(order.get(at)).sessionId();
        int end = at;
        while (end < order.size() && items.get(order.get(end)).sessionId().equals(sessionId)) {
          end++;
        }
        lock.setString(1, sessionId);
        RuntimeException refused = null;
        long next = 0;
        try (ResultSet rs = lock.executeQuery()) {
          if (!rs.next()) {
            refused = new SessionNotFoundException(sessionId);
          } else if (rs.getObject("deleted_at") != null) {
            refused = SessionDao.deleted(sessionId);
          } else {
            next = rs.getLong("next_seq");
          }
        }
        for (int k = at; k < end; k++) {
          if (refused != null) {
            failures.put(order.get(k), refused);
          } else {
            seqs.put(order.get(k), next++);
          }
        }
        if (refused == null) {
          bump.setLong(1, next);
          bump.setLong(2, end - at);
          Db.setAt(bump, 3, now);
          bump.setString(4, sessionId);
          bump.addBatch();
          any = true;
        }
        at = end;
      }
      if (any) {
        bump.executeBatch();
      }
    }
    return seqs;
  }
}
