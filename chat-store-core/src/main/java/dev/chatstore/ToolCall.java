package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Json;

/**
 * A tool call an assistant message requested: the call id the model gave it, the tool's name and
 * the arguments as JSON (kept in canonical form: compact, keys sorted).
 *
 * @throws InvalidInputException from the constructor for a blank id or name or malformed arguments
 */
public record ToolCall(String id, String toolName, String argumentsJson) {
  /** Longest call id or tool name accepted. */
  public static final int MAX_NAME_LENGTH = 256;

  public ToolCall {
    Checks.notBlank(id, "toolCall.id", MAX_NAME_LENGTH);
    Checks.notBlank(toolName, "toolCall.toolName", MAX_NAME_LENGTH);
    argumentsJson = Json.canonical(argumentsJson, "toolCall.argumentsJson");
  }
}
