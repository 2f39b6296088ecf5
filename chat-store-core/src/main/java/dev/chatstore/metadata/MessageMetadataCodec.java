package dev.chatstore.metadata;

import dev.chatstore.internal.Checks;

/**
 * Encodes {@link MessageMetadata} as a JSON object and decodes it back, enforcing {@link JsonLimits}.
 * Unknown top-level fields are kept in {@code unknownFields}. Thread-safe.
 */
public final class MessageMetadataCodec implements MetadataCodec<MessageMetadata> {
  private static final MessageMetadataCodec STANDARD = new MessageMetadataCodec(JsonLimits.metadataDefaults());
  private final JsonLimits limits;

  public MessageMetadataCodec(JsonLimits limits) {
    this.limits = Checks.notNull(limits, "limits");
  }

  public static MessageMetadataCodec standard() {
    return STANDARD;
  }

  public JsonLimits limits() {
    return limits;
  }

  @Override
  public String encode(MessageMetadata value) {
    throw new UnsupportedOperationException("codec under construction");
  }

  @Override
  public MessageMetadata decode(String json) {
    throw new UnsupportedOperationException("codec under construction");
  }
}
