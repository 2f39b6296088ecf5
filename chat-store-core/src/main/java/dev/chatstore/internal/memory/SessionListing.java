package dev.chatstore.internal.memory;

import dev.chatstore.Page;
import dev.chatstore.SessionOrder;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.spi.Cursors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Orders and pages session rows: by {@code updatedAt} then id, descending for
 * {@link SessionOrder#RECENTLY_UPDATED}; a cursor is the keyset position of a row on a page's edge.
 */
final class SessionListing {
  private static final Comparator<Row> ASCENDING =
      Comparator.comparing(Row::updatedAt).thenComparing(Row::id);

  private SessionListing() {}

  /** A session as listed; {@code summary} may be null where only the position matters. */
  record Row(Instant updatedAt, String id, SessionSummary summary) {}

  static Comparator<Row> order(SessionOrder order) {
    return order == SessionOrder.RECENTLY_UPDATED ? ASCENDING.reversed() : ASCENDING;
  }

  /** The page of {@code rows} (any order; sorted here) that {@code query} asks for. */
  static Page<SessionSummary> page(List<Row> rows, SessionQuery query) {
    Comparator<Row> order = order(query.order());
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(order);
    int from;
    int to;
    Optional<Cursors.SessionPosition> position = query.cursor().map(Cursors::session);
    if (position.isEmpty()) {
      from = 0;
      to = Math.min(sorted.size(), query.limit());
    } else {
      Row at = new Row(position.get().updatedAt(), position.get().id(), null);
      if (position.get().forward()) {
        from = firstIndex(sorted, r -> order.compare(r, at) > 0);
        to = Math.min(sorted.size(), from + query.limit());
      } else {
        to = firstIndex(sorted, r -> order.compare(r, at) >= 0);
        from = Math.max(0, to - query.limit());
      }
    }
    if (from >= to) {
      return Page.empty();
    }
    List<SessionSummary> items = new ArrayList<>(to - from);
    sorted.subList(from, to).forEach(r -> items.add(r.summary()));
    Row first = sorted.get(from);
    Row last = sorted.get(to - 1);
    return new Page<>(items,
        from > 0 ? Optional.of(Cursors.session(false, first.updatedAt(), first.id())) : Optional.empty(),
        to < sorted.size() ? Optional.of(Cursors.session(true, last.updatedAt(), last.id())) : Optional.empty());
  }

  private static int firstIndex(List<Row> sorted, java.util.function.Predicate<Row> test) {
    int i = 0;
    while (i < sorted.size() && !test.test(sorted.get(i))) {
      i++;
    }
    return i;
  }
}
