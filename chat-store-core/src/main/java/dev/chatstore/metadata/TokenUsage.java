package dev.chatstore.metadata;

import dev.chatstore.spi.Checks;

/** Tokens a model call consumed and produced. */
public record TokenUsage(long inputTokens, long outputTokens) {
  public TokenUsage {
    Checks.notNegative(inputTokens, "inputTokens");
    Checks.notNegative(outputTokens, "outputTokens");
  }

  public long totalTokens() {
    return inputTokens + outputTokens;
  }
}
