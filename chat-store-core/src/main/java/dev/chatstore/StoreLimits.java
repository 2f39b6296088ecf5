package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.metadata.JsonLimits;

/**
 * Size limits a store enforces before writing anything; input past a limit gets an
 * {@link InvalidInputException} naming the field and the limit.
 *
 * @param maxContentChars longest message content, in UTF-16 chars
 * @param maxTitleChars longest session title
 * @param maxToolCallsPerMessage most tool calls one message may carry
 * @param maxBatchSize most messages one {@code appendAll} may write
 * @param metadata limits on encoded chat and message metadata
 * @param documents limits on host JSON: session state, tool arguments and outputs
 * @param parts limits on a message's parts (count, size, inline bytes)
 * @param attributes limits on a message's host attributes
 */
public record StoreLimits(
    int maxContentChars,
    int maxTitleChars,
    int maxToolCallsPerMessage,
    int maxBatchSize,
    JsonLimits metadata,
    JsonLimits documents,
    PartLimits parts,
    JsonLimits attributes) {

  public static final int DEFAULT_MAX_CONTENT_CHARS = 16 * 1024 * 1024;
  public static final int DEFAULT_MAX_TITLE_CHARS = 1000;
  public static final int DEFAULT_MAX_TOOL_CALLS = 256;
  public static final int DEFAULT_MAX_BATCH_SIZE = 10_000;

  public StoreLimits {
    Checks.positive(maxContentChars, "maxContentChars");
    Checks.positive(maxTitleChars, "maxTitleChars");
    Checks.positive(maxToolCallsPerMessage, "maxToolCallsPerMessage");
    Checks.positive(maxBatchSize, "maxBatchSize");
    Checks.notNull(metadata, "metadata");
    Checks.notNull(documents, "documents");
    Checks.notNull(parts, "parts");
    Checks.notNull(attributes, "attributes");
  }

  /** The limits of host attributes by default: those of metadata (256 K chars, depth 16, 1,000 entries). */
  public static JsonLimits attributeDefaults() {
    return JsonLimits.metadataDefaults();
  }

  public static StoreLimits defaults() {
    return new StoreLimits(DEFAULT_MAX_CONTENT_CHARS, DEFAULT_MAX_TITLE_CHARS, DEFAULT_MAX_TOOL_CALLS,
        DEFAULT_MAX_BATCH_SIZE, JsonLimits.metadataDefaults(), JsonLimits.documentDefaults(), PartLimits.defaults(),
        attributeDefaults());
  }

  public StoreLimits withMaxContentChars(int chars) {
    return new StoreLimits(chars, maxTitleChars, maxToolCallsPerMessage, maxBatchSize, metadata, documents,
        parts, attributes);
  }

  public StoreLimits withMaxTitleChars(int chars) {
    return new StoreLimits(maxContentChars, chars, maxToolCallsPerMessage, maxBatchSize, metadata, documents,
        parts, attributes);
  }

  public StoreLimits withMaxToolCallsPerMessage(int calls) {
    return new StoreLimits(maxContentChars, maxTitleChars, calls, maxBatchSize, metadata, documents, parts, attributes);
  }

  public StoreLimits withMaxBatchSize(int size) {
    return new StoreLimits(maxContentChars, maxTitleChars, maxToolCallsPerMessage, size, metadata, documents,
        parts, attributes);
  }

  public StoreLimits withMetadata(JsonLimits limits) {
    return new StoreLimits(maxContentChars, maxTitleChars, maxToolCallsPerMessage, maxBatchSize, limits, documents,
        parts, attributes);
  }

  public StoreLimits withDocuments(JsonLimits limits) {
    return new StoreLimits(maxContentChars, maxTitleChars, maxToolCallsPerMessage, maxBatchSize, metadata, limits,
        parts, attributes);
  }

  public StoreLimits withParts(PartLimits limits) {
    return new StoreLimits(maxContentChars, maxTitleChars, maxToolCallsPerMessage, maxBatchSize, metadata, documents,
        limits, attributes);
  }

  public StoreLimits withAttributes(JsonLimits limits) {
    return new StoreLimits(maxContentChars, maxTitleChars, maxToolCallsPerMessage, maxBatchSize, metadata, documents,
        parts, limits);
  }
}
