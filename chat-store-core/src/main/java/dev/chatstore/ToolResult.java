package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Json;

/**
 * What a tool returned for one call, carried by a {@link Role#TOOL} message: the call id it answers,
 * the tool's name, its output as JSON (canonical form) and whether the tool reported an error.
 * Turn the output into the host's own type with a {@link dev.chatstore.metadata.ToolOutputs}.
 *
 * @throws InvalidInputException from the constructor for a blank id or name or malformed output
 */
public record ToolResult(String callId, String toolName, String outputJson, boolean error) {
  public ToolResult {
    Checks.notBlank(callId, "toolResult.callId", ToolCall.MAX_NAME_LENGTH);
    Checks.notBlank(toolName, "toolResult.toolName", ToolCall.MAX_NAME_LENGTH);
    outputJson = Json.canonical(outputJson, "toolResult.outputJson");
  }

  /** A successful result. */
  public static ToolResult success(String callId, String toolName, String outputJson) {
    return new ToolResult(callId, toolName, outputJson, false);
  }

  /** A result that reports the tool failed; the output describes the failure. */
  public static ToolResult failure(String callId, String toolName, String outputJson) {
    return new ToolResult(callId, toolName, outputJson, true);
  }
}
