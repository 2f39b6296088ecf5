package dev.chatstore.spi;

import dev.chatstore.Message;
import dev.chatstore.MessageStatus;

/**
 * What a fork (or an import) copies of a message: the one home of that rule. The copy keeps the
 * message's seq, role, parts, tool calls and results, metadata, attributes, name and times, under a new id in the new
 * session; a message still PENDING or STREAMING becomes INTERRUPTED, because its stream writes to
 * the original only: in the copy it is what a crash leaves. Stateless.
 */
public final class ForkCopy {
  private ForkCopy() {}

  /** {@code source} as the fork {@code forkSessionId} holds it, under the new id {@code newId}. */
  public static Message of(Message source, String forkSessionId, String newId) {
    Checks.notNull(source, "source");
    return new Message(newId, forkSessionId, source.seq(), source.role(), source.parts(),
        settled(source.status()), source.toolCalls(), source.toolResults(), source.metadata(),
        source.attributesJson(), source.name(), source.createdAt(), source.updatedAt());
  }

  /** The status a copy gets: a final status stays, an unfinished one becomes INTERRUPTED. */
  public static MessageStatus settled(MessageStatus status) {
    Checks.notNull(status, "status");
    return status.isFinal() ? status : MessageStatus.INTERRUPTED;
  }
}
