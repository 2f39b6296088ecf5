package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.spi.MessageBody;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One revision of a message's parts: revision 1 is what was appended (or streamed), each
 * {@link MessageUpdate#parts replacement} adds the next, and the highest is what the message says
 * now. {@code at} is when the revision became the message's (its creation for revision 1), and
 * {@code author} who made it, if the update said.
 */
public record MessageRevision(int number, List<Part> parts, Optional<String> author, Instant at) {
  public MessageRevision {
    Checks.positive(number, "number");
    parts = Checks.list(parts, "parts");
    Checks.notNull(author, "author");
    Checks.notNull(at, "at");
  }

  /** The revision's text parts joined, as {@link Message#content()}. */
  public String content() {
    return MessageBody.text(parts);
  }
}
