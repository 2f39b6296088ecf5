package dev.chatstore.jdbc.internal;

import dev.chatstore.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Turns rows fetched for a keyset page into a {@link Page} with exact cursors. A page is fetched in
 * its direction of travel, one row more than the limit: that extra row says whether there is more
 * that way. Whether there is anything the other way is asked of the database only when the page was
 * reached through a cursor (the start of a list has nothing before it). Stateless.
 */
final class Keyset {
  private Keyset() {}

  /**
   * @param fetched up to {@code limit + 1} rows in the direction of travel
   * @param forward whether travel follows the list's order
   * @param fromCursor whether the page continues from a cursor
   * @param existsBeyond asks whether a row lies past an item, forward (true) or backward (false) in list order
   * @param cursor the cursor to an item, towards the end of the list (true) or the start (false)
   */
  static <T> Page<T> page(List<T> fetched, int limit, boolean forward, boolean fromCursor,
      BiPredicate<T, Boolean> existsBeyond, CursorMaker<T> cursor) {
    boolean moreAhead = fetched.size() > limit;
    List<T> items = new ArrayList<>(fetched.subList(0, Math.min(limit, fetched.size())));
    if (items.isEmpty()) {
      return Page.empty();
    }
    if (!forward) {
      Collections.reverse(items);
    }
    T first = items.get(0);
    T last = items.get(items.size() - 1);
    boolean before = forward ? fromCursor && existsBeyond.test(first, false) : moreAhead;
    boolean after = forward ? moreAhead : fromCursor && existsBeyond.test(last, true);
    return new Page<>(items,
        before ? Optional.of(cursor.to(first, false)) : Optional.empty(),
        after ? Optional.of(cursor.to(last, true)) : Optional.empty());
  }

  /** Makes the cursor continuing from an item towards the end (true) or the start (false) of the list. */
  @FunctionalInterface
  interface CursorMaker<T> {
    String to(T item, boolean forward);
  }
}
