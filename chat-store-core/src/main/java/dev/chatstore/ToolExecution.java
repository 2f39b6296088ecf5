package dev.chatstore;

import dev.chatstore.spi.Checks;
import java.util.Optional;

/**
 * A tool call paired with its result by call id, derived from a session's messages. Without a
 * result it is an orphan: the call was requested but nothing answered it (a crash, a cancelled
 * turn), which a host repairs or re-runs before sending the history to a model again.
 */
public record ToolExecution(
    ToolCall call, String callMessageId, Optional<ToolResult> result, Optional<String> resultMessageId) {

  public ToolExecution {
    Checks.notNull(call, "call");
    Checks.notNull(callMessageId, "callMessageId");
    Checks.notNull(result, "result");
    Checks.notNull(resultMessageId, "resultMessageId");
  }

  /** True when no TOOL message answers this call. */
  public boolean isOrphan() {
    return result.isEmpty();
  }
}
