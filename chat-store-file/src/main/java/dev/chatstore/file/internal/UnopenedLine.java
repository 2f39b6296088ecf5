package dev.chatstore.file.internal;

import dev.chatstore.ChatStoreException;
import dev.chatstore.MessageStatus;
import dev.chatstore.Role;
import dev.chatstore.file.internal.Event.MessageAppended;
import dev.chatstore.file.internal.Event.MessageRevised;
import dev.chatstore.file.internal.Event.MessageUpdated;
import dev.chatstore.file.internal.Event.StreamBegun;
import dev.chatstore.file.internal.Event.StreamFinished;
import dev.chatstore.file.internal.Event.StreamFlushed;
import dev.chatstore.spi.MessageBody;
import dev.chatstore.spi.StreamDelta;
import java.util.List;
import java.util.Optional;

/**
 * A message's line on an encrypting store whose sealed values do not open (tampered, cut short, moved,
 * sealed with another key under the same id). Still a {@link BadLine}, so a reader that needs the
 * values fails as for any damaged line; a replay instead folds {@link #shape()}, the event the line's
 * clear fields describe with no values at all, so the message keeps its seq, status and place among its
 * lines, and the damage stays with that message ({@link Damage}).
 */
final class UnopenedLine extends BadLine {
  private static final long serialVersionUID = 1L;
  private final transient Event shape;
  private final String messageId;

  private UnopenedLine(BadLine why, Event shape, String messageId) {
    super(why.getMessage(), why);
    this.shape = shape;
    this.messageId = messageId;
  }

  /** The line of {@code event} whose {@code clear} fields are read, its sealed ones refused for {@code why}. */
  static UnopenedLine of(String event, LineFields clear, BadLine why) throws BadLine {
    clear.requireNoneOf(EventCodec.VALUE_FIELDS); // a planted value fails the session, opened or not
    String id = clear.text("id");
    try {
      return new UnopenedLine(why, shape(event, id, clear), id);
    } catch (ChatStoreException e) { // a record refused a clear value: an id of the wrong shape
      throw new BadLine(e.getMessage(), e);
    }
  }

  /**
   * The event without values. They stand empty only for the replay's bookkeeping: the message is marked
   * damaged, and no read of it folds these events, so nothing empty here is ever handed out as content.
   */
  private static Event shape(String event, String id, LineFields n) throws BadLine {
    switch (event) {
      case "message.appended":
        return new MessageAppended(n.instant("at"), new LineMessage(id, EventReader.seq(n),
            n.enumValue("role", Role.class), MessageBody.plain(""), EventReader.finalStatus(n), List.of(), List.of(),
            "{}", n.instant("createdAt"), n.instant("updatedAt")), EventReader.batch(n));
      case "stream.begun":
        return new StreamBegun(LineMessage.pending(id, EventReader.seq(n), n.enumValue("role", Role.class), "{}",
            n.instant("at")));
      case "stream.flushed":
        return new StreamFlushed(n.instant("at"), id, StreamDelta.EMPTY);
      case "stream.finished":
        return new StreamFinished(n.instant("at"), id, StreamDelta.EMPTY, EventReader.finalStatus(n), "{}");
      case "message.updated":
        Optional<MessageStatus> status = n.has("status") ? Optional.of(EventReader.finalStatus(n)) : Optional.empty();
        return new MessageUpdated(n.instant("at"), id, status, Optional.empty());
      case "message.revised":
        return new MessageRevised(n.instant("at"), id, EventReader.revision(n), n.instant("revisedAt"),
            Optional.empty(), List.of(), Optional.empty());
      default:
        throw new IllegalArgumentException("not a message's event: " + event);
    }
  }

  /** What replay folds in the line's place. */
  Event shape() {
    return shape;
  }

  String messageId() {
    return messageId;
  }

  /** The damage this line does to its message, as line {@code lineNo} of the file. */
  Damage damage(long lineNo) {
    return new Damage(lineNo, getMessage());
  }
}
