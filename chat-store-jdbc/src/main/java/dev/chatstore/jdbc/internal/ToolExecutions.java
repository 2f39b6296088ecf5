package dev.chatstore.jdbc.internal;

import dev.chatstore.CorruptDataException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.ToolExecution;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.ToolPairing;
import dev.chatstore.spi.ToolPairing.ToolTurn;
import java.util.List;

/**
 * A session's tool executions: reads the tool columns of the messages that have any, in seq order,
 * and leaves the pairing to {@link ToolPairing}. Thread-safe.
 */
public final class ToolExecutions {
  private final StoreContext ctx;

  public ToolExecutions(StoreContext ctx) {
    this.ctx = ctx;
  }

  public List<ToolExecution> of(String sessionId) {
    Checks.id(sessionId, "sessionId");
    List<ToolTurn> turns = ctx.db().read("reading tool calls of session " + sessionId, h -> {
      h.createQuery("SELECT 1 FROM chatstore_sessions WHERE id = :id").bind("id", sessionId)
          .mapTo(Integer.class).findOne().orElseThrow(() -> new SessionNotFoundException(sessionId));
      return h.createQuery("SELECT seq, id, role, tool_calls, tool_result FROM chatstore_messages"
              + " WHERE session_id = :session AND ((role = 'ASSISTANT' AND tool_calls <> '[]')"
              + " OR (role = 'TOOL' AND tool_result IS NOT NULL)) ORDER BY session_id, seq")
          .bind("session", sessionId)
          .map((rs, c) -> turn(sessionId, rs.getLong("seq"), rs.getString("id"), rs.getString("role"),
              rs.getString("tool_calls"), rs.getString("tool_result")))
          .list();
    });
    return ToolPairing.pair(turns);
  }

  private ToolTurn turn(String sessionId, long seq, String id, String role, String calls, String result) {
    String where = "chatstore_messages session_id=" + sessionId + " seq=" + seq;
    try {
      return role.equals("TOOL") ? ToolTurn.result(seq, id, ctx.rows().toolResult(result, where))
          : ToolTurn.calls(seq, id, ctx.rows().toolCalls(calls, where));
    } catch (InvalidInputException e) { // a message id the turn refuses
      throw new CorruptDataException(where, e.getMessage(), e);
    }
  }
}
