package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Json;

/**
 * A tool call an assistant message requested: the call id the model gave it, the tool's name and
 * its arguments. Well-formed arguments are kept as canonical JSON (compact, keys sorted). Models do
 * send broken JSON; such arguments are kept exactly as sent, {@code malformed} is true, and the write
 * succeeds, so a host can show, repair or answer the call with an error.
 *
 * @throws InvalidInputException from the constructor for a blank id or name, null arguments, or
 *     well-formed JSON past the parser's limits
 */
public record ToolCall(String id, String toolName, String argumentsJson, boolean malformed) {
  /** Longest call id or tool name accepted. */
  public static final int MAX_NAME_LENGTH = 256;

  public ToolCall {
    Checks.notBlank(id, "toolCall.id", MAX_NAME_LENGTH);
    Checks.notBlank(toolName, "toolCall.toolName", MAX_NAME_LENGTH);
    Checks.notNull(argumentsJson, "toolCall.argumentsJson");
    if (!malformed) {
      argumentsJson = Json.canonical(argumentsJson, "toolCall.argumentsJson");
    } else {
      Checks.wellFormed(argumentsJson, "toolCall.argumentsJson");
    }
  }

  /**
   * A call as the model sent it: canonical JSON if {@code arguments} parse as JSON, else kept exactly
   * and flagged {@link #malformed()}.
   */
  public ToolCall(String id, String toolName, String arguments) {
    this(id, toolName, Checks.notNull(arguments, "toolCall.argumentsJson"), !Json.isWellFormed(arguments));
  }
}
