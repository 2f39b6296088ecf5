package dev.chatstore.spi;

import dev.chatstore.MessageQuery;
import dev.chatstore.Page;
import java.util.List;
import java.util.Optional;

/**
 * The seqs a message page covers: the one home of the page rule, so every backend reads the same
 * window for the same query. Seqs of a session run gap-free from 1 to its last seq (messages are
 * never removed one by one), so a page is an exact seq range and a backend reads just that range,
 * however long the session. Immutable.
 *
 * <p>Extreme queries never overflow: a seq past the end gives an empty range, as does a session with
 * no messages.
 *
 * @param fromSeq first seq of the page (1 or more); greater than {@code toSeq} when the range is empty
 * @param toSeq last seq of the page
 * @param lastSeq the session's last seq when the range was made (0 for an empty session)
 */
public record MessageRange(long fromSeq, long toSeq, long lastSeq) {
  private static final MessageRange EMPTY = new MessageRange(1, 0, 0);

  public MessageRange {
    Checks.notNegative(lastSeq, "lastSeq");
  }

  /** The range {@code query} asks for in a session whose last seq is {@code lastSeq}. */
  public static MessageRange of(MessageQuery query, long lastSeq) {
    Checks.notNull(query, "query");
    Checks.notNegative(lastSeq, "lastSeq");
    long limit = query.limit();
    long seq = query.seq();
    long from;
    long to;
    switch (query.anchor()) {
      case LATEST -> {
        to = lastSeq;
        from = lastSeq - limit + 1;
      }
      case EARLIEST -> {
        from = 1;
        to = limit;
      }
      case BEFORE -> {
        to = Math.min(seq - 1, lastSeq); // seq >= 0, so seq - 1 cannot overflow
        from = to - limit + 1;
      }
      case AFTER -> {
        if (seq >= lastSeq) {
          return new MessageRange(EMPTY.fromSeq, EMPTY.toSeq, lastSeq);
        }
        from = seq + 1;
        to = lastSeq - seq < limit ? lastSeq : seq + limit; // never seq + limit past lastSeq: no overflow
      }
      default -> throw new IllegalStateException("unknown anchor " + query.anchor());
    }
    from = Math.max(from, 1);
    to = Math.min(to, lastSeq);
    return from > to ? new MessageRange(EMPTY.fromSeq, EMPTY.toSeq, lastSeq) : new MessageRange(from, to, lastSeq);
  }

  /** True when the page holds nothing: the backend need not read at all. */
  public boolean isEmpty() {
    return fromSeq > toSeq;
  }

  /** How many messages the page holds. */
  public int size() {
    return isEmpty() ? 0 : (int) (toSeq - fromSeq + 1);
  }

  /**
   * The page of {@code items}, the messages of this range in seq order, with a cursor to older
   * messages when the range starts after seq 1 and to newer ones when it ends before the last seq.
   */
  public <T> Page<T> page(List<T> items) {
    Checks.notNull(items, "items");
    if (isEmpty()) {
      return Page.empty();
    }
    return new Page<>(items,
        fromSeq > 1 ? Optional.of(Cursors.message(true, fromSeq)) : Optional.empty(),
        toSeq < lastSeq ? Optional.of(Cursors.message(false, toSeq)) : Optional.empty());
  }
}
