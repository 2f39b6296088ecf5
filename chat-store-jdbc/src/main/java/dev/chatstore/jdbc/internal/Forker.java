package dev.chatstore.jdbc.internal;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.ForkCopy;
import dev.chatstore.spi.Ids;
import dev.chatstore.spi.Previews;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Forks a session in one transaction: a new session row copied from the source's (owner, project,
 * metadata, state as stored; not its conversation key, which names the source only), then copies of
 * its messages up to the chosen one, read and written a batch at a time through the one message
 * INSERT, so a copy's body and tool results are written from what was read, exactly; what each copy
 * holds is {@link ForkCopy}'s rule (a message still streaming is copied with what it streamed so
 * far). The source is only read. Thread-safe.
 */
final class Forker {
  /** Messages copied per read and per batch insert: bounded memory for a long conversation. */
  private static final int BATCH = 500;

  private final JdbcContext ctx;

  Forker(JdbcContext ctx) {
    this.ctx = ctx;
  }

  ChatSession fork(String sessionId, String upToMessageId, String title) {
    Checks.id(sessionId, "sessionId");
    Checks.id(upToMessageId, "upToMessageId");
    ctx.rules().title(title);
    String forkId = Ids.next();
    Instant now = ctx.now();
    SessionTable sessions = ctx.sessionTable();
    MessageTable messages = ctx.messageTable();
    return ctx.db().inTransaction("forking session " + sessionId, h -> {
      ChatSession source = sessions.find(h, sessionId).orElseThrow(() -> new SessionNotFoundException(sessionId));
      if (source.isDeleted()) {
        throw SessionDao.deleted(sessionId);
      }
      Message upTo = messages.find(h, sessionId, upToMessageId)
          .orElseThrow(() -> new MessageNotFoundException(sessionId, upToMessageId));
      sessions.insertFork(h, forkId, source, title, upTo.seq(), upToMessageId, Previews.of(upTo.content()), now);
      for (long from = 1; from <= upTo.seq(); from += BATCH) {
        copy(h, messages.range(h, sessionId, from, Math.min(from + BATCH - 1, upTo.seq())), forkId);
      }
      return sessions.find(h, forkId).orElseThrow(() -> new SessionNotFoundException(forkId));
    });
  }

  private void copy(Handle h, List<Message> sources, String forkId) throws SQLException {
    MessageTable table = ctx.messageTable();
    try (PreparedStatement insert = h.getConnection().prepareStatement(table.insert)) {
      for (Message source : sources) {
        Message copy = ForkCopy.of(source, forkId, Ids.next());
        table.addInsert(insert, copy, table.encode(copy.metadata()));
      }
      insert.executeBatch();
    }
  }
}
