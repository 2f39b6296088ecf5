package dev.chatstore.jdbc.internal;

import dev.chatstore.NewMessage;
import dev.chatstore.Part;
import dev.chatstore.spi.MessageBody;
import dev.chatstore.spi.StreamDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A streamed message's text, reasoning, signature and attachments added up chunk by chunk, as
 * {@link StreamDelta#plus} would but without copying what is already summed (a long reply has
 * thousands of chunks). Tool calls are not summed: flushes write them to the message row itself.
 * Not thread-safe: one per read or end.
 */
final class DeltaSum {
  private final StringBuilder text;
  private final StringBuilder reasoning = new StringBuilder();
  private Optional<String> signature = Optional.empty();
  private final List<Part> attachments = new ArrayList<>();

  /** A sum starting from {@code text}, a message's stored content. */
  DeltaSum(String text) {
    this.text = new StringBuilder(text);
  }

  void add(StreamDelta delta) {
    text.append(delta.text());
    reasoning.append(delta.reasoning());
    if (delta.signature().isPresent()) {
      signature = delta.signature();
    }
    attachments.addAll(delta.attachments());
  }

  /** The text so far: the message's content. */
  String text() {
    return text.toString();
  }

  /** True if anything beyond text streamed: then the message's parts need a body. */
  boolean hasExtras() {
    return reasoning.length() > 0 || signature.isPresent() || !attachments.isEmpty();
  }

  /** The parts so far, by the one rule for streamed messages ({@link StreamDelta#parts()}). */
  List<Part> parts() {
    return new StreamDelta(text.toString(), reasoning.toString(), signature, List.of(), attachments).parts();
  }

  /** The body of a streamed message holding this: its parts, no attributes, no name. */
  MessageBody body() {
    return new MessageBody(parts(), NewMessage.NO_ATTRIBUTES, Optional.empty());
  }
}
