package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Ids;
import dev.chatstore.metadata.MessageMetadata;

/** How to open a {@link MessageStream}: the role, the message id, initial metadata and flush policy. */
public record StreamOptions(Role role, String messageId, MessageMetadata metadata, FlushPolicy flushPolicy) {
  public StreamOptions {
    Checks.notNull(role, "role");
    if (role == Role.TOOL) {
      throw new InvalidInputException("role", "TOOL messages are appended with a tool result, not streamed");
    }
    Checks.id(messageId, "messageId");
    Checks.notNull(metadata, "metadata");
    Checks.notNull(flushPolicy, "flushPolicy");
  }

  /** A stream for {@code role} with a fresh id, empty metadata and the default flush policy. */
  public static StreamOptions of(Role role) {
    return new StreamOptions(role, Ids.next(), MessageMetadata.empty(), FlushPolicy.defaults());
  }

  /** The usual case: an assistant reply. */
  public static StreamOptions assistant() {
    return of(Role.ASSISTANT);
  }

  public StreamOptions withMessageId(String id) {
    return new StreamOptions(role, id, metadata, flushPolicy);
  }

  public StreamOptions withMetadata(MessageMetadata newMetadata) {
    return new StreamOptions(role, messageId, newMetadata, flushPolicy);
  }

  public StreamOptions withFlushPolicy(FlushPolicy policy) {
    return new StreamOptions(role, messageId, metadata, policy);
  }
}
