package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.metadata.MessageMetadata;
import java.util.Optional;

/**
 * How to open a {@link MessageStream}: the role, initial metadata and flush policy, and optionally the
 * message id. Without an id (the default) every {@code openStream} makes a fresh one, so one
 * {@code StreamOptions} value serves every reply of an application; {@link #withMessageId} fixes the
 * id of one stream (the host made it earlier), and reusing such options for a second stream is a
 * {@link ConflictException}, as any second message with one id is.
 */
public record StreamOptions(Role role, Optional<String> messageId, MessageMetadata metadata, FlushPolicy flushPolicy) {
  public StreamOptions {
    Checks.notNull(role, "role");
    if (role == Role.TOOL) {
      throw new InvalidInputException("role", "TOOL messages are appended with a tool result, not streamed");
    }
    Checks.notNull(messageId, "messageId").ifPresent(id -> Checks.id(id, "messageId"));
    Checks.notNull(metadata, "metadata");
    Checks.notNull(flushPolicy, "flushPolicy");
  }

  /** A stream for {@code role}, its id made at open, empty metadata and the default flush policy. */
  public static StreamOptions of(Role role) {
    return new StreamOptions(role, Optional.empty(), MessageMetadata.empty(), FlushPolicy.defaults());
  }

  /** The usual case: an assistant reply. */
  public static StreamOptions assistant() {
    return of(Role.ASSISTANT);
  }

  /** These options for one stream whose message id the host chose (it is known before the open). */
  public StreamOptions withMessageId(String id) {
    return new StreamOptions(role, Optional.of(Checks.id(id, "messageId")), metadata, flushPolicy);
  }

  public StreamOptions withMetadata(MessageMetadata newMetadata) {
    return new StreamOptions(role, messageId, newMetadata, flushPolicy);
  }

  public StreamOptions withFlushPolicy(FlushPolicy policy) {
    return new StreamOptions(role, messageId, metadata, policy);
  }
}
