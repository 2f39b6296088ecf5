package dev.chatstore.jdbc.internal;

import dev.chatstore.CorruptDataException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolExecution;
import dev.chatstore.ToolResult;
import dev.chatstore.spi.Checks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pairs a session's tool calls with their results: each call of an ASSISTANT message, in seq and call
 * order, with the first TOOL message after it answering its call id (models that reuse call ids across
 * turns stay paired turn by turn). Reads only the tool columns of the messages that have any.
 * Thread-safe.
 */
public final class ToolExecutions {
  private final StoreContext ctx;

  public ToolExecutions(StoreContext ctx) {
    this.ctx = ctx;
  }

  public List<ToolExecution> of(String sessionId) {
    Checks.id(sessionId, "sessionId");
    List<Row> rows = ctx.db().read("reading tool calls of session " + sessionId, h -> {
      h.createQuery("SELECT 1 FROM chatstore_sessions WHERE id = :id").bind("id", sessionId)
          .mapTo(Integer.class).findOne().orElseThrow(() -> new SessionNotFoundException(sessionId));
      return h.createQuery("SELECT seq, id, role, tool_calls, tool_result FROM chatstore_messages"
              + " WHERE session_id = :session AND ((role = 'ASSISTANT' AND tool_calls <> '[]') OR role = 'TOOL')"
              + " ORDER BY session_id, seq")
          .bind("session", sessionId)
          .map((rs, c) -> row(sessionId, rs.getLong("seq"), rs.getString("id"), rs.getString("role"),
              rs.getString("tool_calls"), rs.getString("tool_result")))
          .list();
    });
    Map<String, List<Row>> answers = new HashMap<>();
    for (Row r : rows) {
      r.result.ifPresent(t -> answers.computeIfAbsent(t.callId(), k -> new ArrayList<>()).add(r));
    }
    List<ToolExecution> executions = new ArrayList<>();
    for (Row r : rows) {
      for (ToolCall call : r.calls) {
        Optional<Row> answer = answers.getOrDefault(call.id(), List.of()).stream()
            .filter(a -> a.seq > r.seq).findFirst();
        executions.add(new ToolExecution(call, r.id, answer.flatMap(a -> a.result), answer.map(a -> a.id)));
      }
    }
    return executions;
  }

  private Row row(String sessionId, long seq, String id, String role, String calls, String result) {
    String where = "chatstore_messages session_id=" + sessionId + " seq=" + seq;
    try {
      boolean tool = role.equals("TOOL");
      return new Row(seq, id, tool ? List.of() : ctx.rows().toolCalls(calls, where),
          tool && result != null ? Optional.of(ctx.rows().toolResult(result, where)) : Optional.empty());
    } catch (IllegalArgumentException | InvalidInputException e) {
      throw new CorruptDataException(where, e.getMessage(), e);
    }
  }

  private record Row(long seq, String id, List<ToolCall> calls, Optional<ToolResult> result) {}
}
