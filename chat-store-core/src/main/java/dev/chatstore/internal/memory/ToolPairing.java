package dev.chatstore.internal.memory;

import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolExecution;
import dev.chatstore.ToolResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pairs a session's tool calls with their results: each call of an ASSISTANT message, in seq and
 * call order, with the first TOOL message after it that answers its call id. Looking only after the
 * call keeps models that reuse call ids across turns ("call_0" every turn) paired turn by turn.
 */
final class ToolPairing {
  private ToolPairing() {}

  /** {@code messages} in seq order. */
  static List<ToolExecution> pair(List<StoredMessage> messages) {
    Map<String, List<StoredMessage>> answers = new HashMap<>();
    for (StoredMessage m : messages) {
      if (m.role() == Role.TOOL) {
        m.toolResult().ifPresent(r -> answers.computeIfAbsent(r.callId(), k -> new ArrayList<>()).add(m));
      }
    }
    List<ToolExecution> executions = new ArrayList<>();
    for (StoredMessage m : messages) {
      if (m.role() != Role.ASSISTANT) {
        continue;
      }
      for (ToolCall call : m.toolCalls()) {
        Optional<StoredMessage> answer = firstAfter(answers.getOrDefault(call.id(), List.of()), m.seq());
        Optional<ToolResult> result = answer.flatMap(StoredMessage::toolResult);
        executions.add(new ToolExecution(call, m.id(), result, answer.map(StoredMessage::id)));
      }
    }
    return executions;
  }

  private static Optional<StoredMessage> firstAfter(List<StoredMessage> answers, long seq) {
    for (StoredMessage a : answers) { // in seq order; usually one
      if (a.seq() > seq) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
