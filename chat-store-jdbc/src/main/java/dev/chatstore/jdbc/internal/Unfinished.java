package dev.chatstore.jdbc.internal;

import dev.chatstore.ConflictException;
import dev.chatstore.MessageStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The rules of writing to streamed messages not yet ended: the lock every such write takes first,
 * and the conflict of writing to one that has ended. Ending them is {@link GroupEnd}'s. Stateless.
 */
final class Unfinished {
  private Unfinished() {}

  /** The conflict of writing to a message whose stream has ended with {@code status}. */
  static ConflictException ended(String sessionId, String messageId, MessageStatus status) {
    return new ConflictException(ConflictException.Reason.STREAM_CLOSED, "message " + messageId + " of session "
        + sessionId + " is " + status + ": its stream has ended (recovered by another store?)");
  }

  /**
   * Locks the sessions' rows, in id order, without changing them. Every transaction that writes to,
   * ends or removes a streamed message takes its session's row first: that is what keeps a flush
   * (which does not lock the message, see GroupWrite) from adding a chunk to a message another
   * transaction is ending. Sessions (in id order) before messages is also the one lock order, so
   * these transactions cannot deadlock one another.
   */
  static void lockSessions(Connection c, Collection<String> sessionIds) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement(SessionTable.LOCK)) {
      for (String id : new TreeSet<>(sessionIds)) {
        lock.setString(1, id);
        lock.executeQuery().close();
      }
    }
  }
}
