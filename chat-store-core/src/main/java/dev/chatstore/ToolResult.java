package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Json;

/**
 * What a tool returned for one call, carried by a {@link Role#TOOL} message (one message may carry
 * several): the call id it answers, the tool's name, its output and whether the tool reported an
 * error. The output is either JSON, kept in canonical form, or plain text kept exactly as given
 * (LangChain4j's and most tools' output is text, not JSON); {@link #format()} says which. Turn a
 * JSON output into the host's own type with a {@link dev.chatstore.metadata.ToolOutputs}.
 *
 * @throws InvalidInputException from the constructor for a blank id or name or a JSON output that is
 *     malformed
 */
public record ToolResult(String callId, String toolName, String output, OutputFormat format, boolean error) {
  /** How a tool result's output is kept. */
  public enum OutputFormat {
    /** JSON, kept canonical (compact, keys sorted). */
    JSON,
    /** Plain text, kept exactly; never required to be JSON. */
    TEXT
  }

  public ToolResult {
    Checks.notBlank(callId, "toolResult.callId", ToolCall.MAX_NAME_LENGTH);
    Checks.notBlank(toolName, "toolResult.toolName", ToolCall.MAX_NAME_LENGTH);
    Checks.notNull(output, "toolResult.output");
    Checks.notNull(format, "toolResult.format");
    output = format == OutputFormat.JSON
        ? Json.canonical(output, "toolResult.output")
        : Checks.wellFormed(output, "toolResult.output");
  }

  /** A JSON result; {@code error}: the tool reported a failure. */
  public ToolResult(String callId, String toolName, String outputJson, boolean error) {
    this(callId, toolName, outputJson, OutputFormat.JSON, error);
  }

  /** A successful result with JSON output. */
  public static ToolResult success(String callId, String toolName, String outputJson) {
    return new ToolResult(callId, toolName, outputJson, OutputFormat.JSON, false);
  }

  /** A result with JSON output that reports the tool failed; the output describes the failure. */
  public static ToolResult failure(String callId, String toolName, String outputJson) {
    return new ToolResult(callId, toolName, outputJson, OutputFormat.JSON, true);
  }

  /** A successful result whose output is plain text, kept exactly. */
  public static ToolResult text(String callId, String toolName, String text) {
    return new ToolResult(callId, toolName, text, OutputFormat.TEXT, false);
  }

  /** A failed result whose output is plain text, kept exactly. */
  public static ToolResult textFailure(String callId, String toolName, String text) {
    return new ToolResult(callId, toolName, text, OutputFormat.TEXT, true);
  }

  /**
   * The output as JSON: itself for a JSON output, a JSON string of the text for a text one, so code
   * written for JSON outputs keeps working.
   */
  public String outputJson() {
    return format == OutputFormat.JSON ? output : Json.write(Json.MAPPER.getNodeFactory().textNode(output));
  }
}
