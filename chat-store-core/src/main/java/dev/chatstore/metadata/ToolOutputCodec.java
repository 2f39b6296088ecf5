package dev.chatstore.metadata;

import dev.chatstore.spi.Checks;
import dev.chatstore.internal.metadata.JacksonValueCodec;

/**
 * Turns one tool's stored output JSON into the host's typed output object and back. Register it in
 * {@link ToolOutputs}; an output whose codec is missing or no longer fits stays available as raw JSON.
 */
public interface ToolOutputCodec<T> {
  String toolName();

  String encode(T output);

  T decode(String outputJson);

  /**
   * A codec that maps {@code type} (a record or bean) to and from JSON with Jackson. Reading ignores
   * fields the type lacks but refuses a missing record component, a {@code null} primitive or a value
   * of the wrong type rather than filling in {@code null} or zero; {@link ToolOutputs} then returns
   * the output as {@link ToolOutput.Raw}.
   */
  static <T> ToolOutputCodec<T> json(String toolName, Class<T> type) {
    Checks.notBlank(toolName, "toolName", 256);
    Checks.notNull(type, "type");
    JacksonValueCodec<T> codec = new JacksonValueCodec<>(type, "toolResult.outputJson");
    return new ToolOutputCodec<>() {
      @Override
      public String toolName() {
        return toolName;
      }

      @Override
      public String encode(T output) {
        return codec.encode(output);
      }

      @Override
      public T decode(String outputJson) {
        return codec.decode(outputJson);
      }
    };
  }
}
