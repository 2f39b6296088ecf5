package dev.chatstore.metadata;

import dev.chatstore.spi.Checks;
import java.util.Optional;

/**
 * A tool result's output as the host reads it back: {@link Typed} when a registered codec decoded it,
 * {@link Raw} when no codec is registered for the tool or the stored JSON no longer fits it.
 */
public sealed interface ToolOutput permits ToolOutput.Typed, ToolOutput.Raw {
  String toolName();

  /** The stored JSON, whichever way it was read. */
  String json();

  /** The decoded value if it is of {@code type}. */
  default <T> Optional<T> as(Class<T> type) {
    Checks.notNull(type, "type");
    if (this instanceof Typed<?> typed && type.isInstance(typed.value())) {
      return Optional.of(type.cast(typed.value()));
    }
    return Optional.empty();
  }

  /** Output decoded by the tool's registered codec. */
  record Typed<T>(String toolName, T value, String json) implements ToolOutput {}

  /** Output kept as JSON; {@code problem} says why it was not decoded. */
  record Raw(String toolName, String json, String problem) implements ToolOutput {}
}
