package dev.chatstore.file.internal;

import dev.chatstore.NewMessage;
import dev.chatstore.Part;
import dev.chatstore.ToolCall;
import dev.chatstore.spi.MessageBody;
import dev.chatstore.spi.StreamDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sum of a streamed message's deltas as its lines are folded, kept in builders: summing with
 * {@link StreamDelta#plus} would copy everything streamed so far at every flush. Its body is
 * {@link StreamDelta#parts()} of the sum, the one rule for a streamed message's parts. Not thread-safe.
 */
final class DeltaSum {
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder reasoning = new StringBuilder();
  private Optional<String> signature = Optional.empty();
  private final List<ToolCall> toolCalls = new ArrayList<>();
  private final List<Part> attachments = new ArrayList<>();

  void add(StreamDelta delta) {
    text.append(delta.text());
    reasoning.append(delta.reasoning());
    if (delta.signature().isPresent()) {
      signature = delta.signature(); // the latest one given wins
    }
    toolCalls.addAll(delta.toolCalls());
    attachments.addAll(delta.attachments());
  }

  List<ToolCall> toolCalls() {
    return List.copyOf(toolCalls);
  }

  /** What a streamed message holds: its parts by the streamed-parts rule, no attributes, no name. */
  MessageBody body() {
    StreamDelta sum = new StreamDelta(text.toString(), reasoning.toString(), signature, List.of(), attachments);
    return new MessageBody(sum.parts(), NewMessage.NO_ATTRIBUTES, Optional.empty());
  }
}
