package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Cursors;

/**
 * Which page of a session's messages to read. Pages always hold messages in conversation order;
 * the anchor says where the page sits.
 *
 * @param anchor where the page sits in the conversation
 * @param seq the seq the page is before or after (0 for LATEST and EARLIEST)
 * @param limit how many messages at most, 1 to {@value #MAX_LIMIT}
 */
public record MessageQuery(Anchor anchor, long seq, int limit) {
  /** Largest page size accepted. */
  public static final int MAX_LIMIT = 1000;

  /** Where a page sits. */
  public enum Anchor {
    /** The newest messages. */
    LATEST,
    /** The oldest messages. */
    EARLIEST,
    /** The newest messages with a seq below {@code seq}. */
    BEFORE,
    /** The oldest messages with a seq above {@code seq}. */
    AFTER
  }

  public MessageQuery {
    Checks.notNull(anchor, "anchor");
    Checks.notNegative(seq, "seq");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit", "must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** The newest {@code limit} messages: what a chat window shows first. */
  public static MessageQuery latest(int limit) {
    return new MessageQuery(Anchor.LATEST, 0, limit);
  }

  /** The first {@code limit} messages of the conversation. */
  public static MessageQuery earliest(int limit) {
    return new MessageQuery(Anchor.EARLIEST, 0, limit);
  }

  /** The page a cursor from {@link Page#previousCursor()} or {@link Page#nextCursor()} points to. */
  public static MessageQuery from(String cursor, int limit) {
    Cursors.MessagePosition position = Cursors.message(cursor);
    return new MessageQuery(position.older() ? Anchor.BEFORE : Anchor.AFTER, position.seq(), limit);
  }

  /** Messages older than {@code seq}, nearest first in position (returned in ascending order). */
  public static MessageQuery beforeSeq(long seq, int limit) {
    return new MessageQuery(Anchor.BEFORE, seq, limit);
  }

  /** Messages newer than {@code seq}: how a reader polls for what arrived since it last looked. */
  public static MessageQuery afterSeq(long seq, int limit) {
    return new MessageQuery(Anchor.AFTER, seq, limit);
  }
}
