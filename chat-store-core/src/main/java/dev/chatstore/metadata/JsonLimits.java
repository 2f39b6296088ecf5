package dev.chatstore.metadata;

import dev.chatstore.spi.Checks;

/**
 * How large and how deeply nested a JSON value may be. Checked before anything is written; a value
 * past a limit gets an {@link dev.chatstore.InvalidInputException} naming the field and the limit.
 *
 * @param maxChars longest encoded text, in UTF-16 chars
 * @param maxDepth deepest nesting of arrays and objects
 * @param maxEntries most elements in one array or fields in one object
 */
public record JsonLimits(int maxChars, int maxDepth, int maxEntries) {
  public JsonLimits {
    Checks.positive(maxChars, "maxChars");
    Checks.positive(maxDepth, "maxDepth");
    Checks.positive(maxEntries, "maxEntries");
  }

  /** For chat and message metadata: 256 K chars, depth 16, 1,000 entries. */
  public static JsonLimits metadataDefaults() {
    return new JsonLimits(256 * 1024, 16, 1000);
  }

  /** For host documents (session state, tool arguments and outputs): 8 M chars, depth 64, 100,000 entries. */
  public static JsonLimits documentDefaults() {
    return new JsonLimits(8 * 1024 * 1024, 64, 100_000);
  }
}
