package dev.chatstore;

import dev.chatstore.spi.Checks;

/**
 * Limits on a message's parts, checked before anything is written; past one, the
 * {@link InvalidInputException} names the part's index, the field and the limit.
 *
 * @param maxParts most parts one message may carry
 * @param maxPartChars longest text of one part's field (a text, a reasoning text or signature or
 *     encrypted payload, a URI, a field a newer version wrote), in UTF-16 chars
 * @param maxInlineBytes most inline media bytes in one message, all its media parts together
 * @param maxMessageSize most a message's parts may hold in total: every part's chars plus every inline byte
 */
public record PartLimits(int maxParts, int maxPartChars, int maxInlineBytes, int maxMessageSize) {
  /** 1,000 parts. */
  public static final int DEFAULT_MAX_PARTS = 1000;
  /** 16 M chars, as a message's content. */
  public static final int DEFAULT_MAX_PART_CHARS = StoreLimits.DEFAULT_MAX_CONTENT_CHARS;
  /** 4 MiB: small images inline; bigger files by reference. */
  public static final int DEFAULT_MAX_INLINE_BYTES = 4 * 1024 * 1024;
  /** 32 M: the content limit twice over, for reasoning beside the answer. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 32 * 1024 * 1024;

  public PartLimits {
    Checks.positive(maxParts, "maxParts");
    Checks.positive(maxPartChars, "maxPartChars");
    Checks.positive(maxInlineBytes, "maxInlineBytes");
    Checks.positive(maxMessageSize, "maxMessageSize");
  }

  public static PartLimits defaults() {
    return new PartLimits(DEFAULT_MAX_PARTS, DEFAULT_MAX_PART_CHARS, DEFAULT_MAX_INLINE_BYTES, DEFAULT_MAX_MESSAGE_SIZE);
  }
}
