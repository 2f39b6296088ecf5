package dev.chatstore.spi;

import dev.chatstore.ToolCall;
import dev.chatstore.ToolExecution;
import dev.chatstore.ToolResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pairs a session's tool calls with their results: the one home of the pairing rule. Each call pairs
 * with the first result for its call id that follows it and comes before the next call with the same
 * id; a result answers one call at most. So a model that reuses a call id on every turn
 * ({@code call_0}, as several providers do) is paired turn by turn, and a call whose turn was cut off
 * stays an orphan instead of taking the next turn's result. Stateless.
 */
public final class ToolPairing {
  private ToolPairing() {}

  /**
   * The tool part of one message, as a backend reads it: the calls of an ASSISTANT message or the
   * results of a TOOL message (a message with neither need not be read at all).
   */
  public record ToolTurn(long seq, String messageId, List<ToolCall> calls, List<ToolResult> results) {
    public ToolTurn {
      Checks.id(messageId, "messageId");
      calls = Checks.list(calls, "calls");
      results = Checks.list(results, "results");
    }

    /** The calls an assistant message requested. */
    public static ToolTurn calls(long seq, String messageId, List<ToolCall> calls) {
      return new ToolTurn(seq, messageId, calls, List.of());
    }

    /** The results a tool message carries. */
    public static ToolTurn results(long seq, String messageId, List<ToolResult> results) {
      return new ToolTurn(seq, messageId, List.of(), results);
    }

    /** The result a tool message carries. */
    public static ToolTurn result(long seq, String messageId, ToolResult result) {
      return new ToolTurn(seq, messageId, List.of(), List.of(result));
    }
  }

  /** Every call of {@code turns} (in seq order), in seq and call order, each with its result or none. */
  public static List<ToolExecution> pair(List<ToolTurn> turns) {
    Checks.notNull(turns, "turns");
    List<ToolCall> calls = new ArrayList<>();
    List<String> callMessages = new ArrayList<>();
    List<ToolTurn> answers = new ArrayList<>();
    List<ToolResult> results = new ArrayList<>();
    Map<String, Integer> waiting = new HashMap<>(); // call id -> index of the newest call not yet answered
    long previousSeq = Long.MIN_VALUE;
    for (ToolTurn turn : turns) {
      if (turn.seq() <= previousSeq) {
        throw new IllegalArgumentException("turns must be in strictly increasing seq order");
      }
      previousSeq = turn.seq();
      for (ToolCall call : turn.calls()) {
        waiting.put(call.id(), calls.size()); // an earlier call with this id and no result stays an orphan
        calls.add(call);
        callMessages.add(turn.messageId());
        answers.add(null);
        results.add(null);
      }
      for (ToolResult result : turn.results()) {
        Integer call = waiting.remove(result.callId());
        if (call != null) {
          answers.set(call, turn);
          results.set(call, result);
        }
      }
    }
    List<ToolExecution> executions = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      Optional<ToolTurn> answer = Optional.ofNullable(answers.get(i));
      executions.add(new ToolExecution(calls.get(i), callMessages.get(i), Optional.ofNullable(results.get(i)),
          answer.map(ToolTurn::messageId)));
    }
    return executions;
  }
}
