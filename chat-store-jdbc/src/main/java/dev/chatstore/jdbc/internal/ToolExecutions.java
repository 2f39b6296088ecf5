package dev.chatstore.jdbc.internal;

import dev.chatstore.SessionNotFoundException;
import dev.chatstore.ToolExecution;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.ToolPairing;
import dev.chatstore.spi.ToolPairing.ToolTurn;
import java.util.List;

/**
 * A session's tool executions: the messages table reads the tool part of each message that has one,
 * in seq order, and {@link ToolPairing} pairs them. Thread-safe.
 */
final class ToolExecutions {
  private final JdbcContext ctx;

  ToolExecutions(JdbcContext ctx) {
    this.ctx = ctx;
  }

  List<ToolExecution> of(String sessionId) {
    Checks.id(sessionId, "sessionId");
    List<ToolTurn> turns = ctx.db().read("reading tool calls of session " + sessionId, h -> {
      if (!ctx.sessionTable().exists(h, sessionId)) {
        throw new SessionNotFoundException(sessionId);
      }
      return ctx.messageTable().toolTurns(h, sessionId);
    });
    return ToolPairing.pair(turns);
  }
}
