package dev.chatstore.spi;

import dev.chatstore.NewMessage;
import dev.chatstore.Part;
import dev.chatstore.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A streamed message's deltas added up as a backend reads its stored writes back: the sum
 * {@link StreamDelta#plus} would give, kept in builders so that a reply of thousands of writes is not
 * copied at each one. {@link #parts()} is {@link StreamDelta#parts()} of the sum. Not thread-safe:
 * one per read or end.
 */
public final class StreamSum {
  private final StringBuilder text;
  private final StringBuilder reasoning = new StringBuilder();
  private Optional<String> signature = Optional.empty();
  private final List<ToolCall> toolCalls = new ArrayList<>();
  private final List<Part> attachments = new ArrayList<>();

  public StreamSum() {
    this("");
  }

  /** A sum starting from {@code text}, a message's content stored before these writes. */
  public StreamSum(String text) {
    this.text = new StringBuilder(Checks.notNull(text, "text"));
  }

  public void add(StreamDelta delta) {
    text.append(delta.text());
    reasoning.append(delta.reasoning());
    if (delta.signature().isPresent()) {
      signature = delta.signature(); // the latest one given wins
    }
    toolCalls.addAll(delta.toolCalls());
    attachments.addAll(delta.attachments());
  }

  /** The answer text so far: the message's content. */
  public String text() {
    return text.toString();
  }

  public List<ToolCall> toolCalls() {
    return List.copyOf(toolCalls);
  }

  /** True if anything beyond text and tool calls streamed: then the message's parts need a body. */
  public boolean hasExtras() {
    return reasoning.length() > 0 || signature.isPresent() || !attachments.isEmpty();
  }

  /** The parts so far, by the one rule for streamed messages. */
  public List<Part> parts() {
    return new StreamDelta(text.toString(), reasoning.toString(), signature, List.of(), attachments).parts();
  }

  /** The body of a streamed message holding this: its parts, no attributes, no name. */
  public MessageBody body() {
    return new MessageBody(parts(), NewMessage.NO_ATTRIBUTES, Optional.empty());
  }
}
