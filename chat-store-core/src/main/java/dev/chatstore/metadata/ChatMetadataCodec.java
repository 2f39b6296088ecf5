package dev.chatstore.metadata;

import dev.chatstore.internal.Checks;

/**
 * Encodes {@link ChatMetadata} as a JSON object and decodes it back, enforcing {@link JsonLimits}.
 * Unknown top-level fields are kept in {@code unknownFields}. Thread-safe.
 */
public final class ChatMetadataCodec implements MetadataCodec<ChatMetadata> {
  private static final ChatMetadataCodec STANDARD = new ChatMetadataCodec(JsonLimits.metadataDefaults());
  private final JsonLimits limits;

  public ChatMetadataCodec(JsonLimits limits) {
    this.limits = Checks.notNull(limits, "limits");
  }

  public static ChatMetadataCodec standard() {
    return STANDARD;
  }

  public JsonLimits limits() {
    return limits;
  }

  @Override
  public String encode(ChatMetadata value) {
    throw new UnsupportedOperationException("codec under construction");
  }

  @Override
  public ChatMetadata decode(String json) {
    throw new UnsupportedOperationException("codec under construction");
  }
}
