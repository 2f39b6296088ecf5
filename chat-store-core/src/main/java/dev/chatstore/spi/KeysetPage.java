package dev.chatstore.spi;

import dev.chatstore.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The page step both keysets share: rows fetched in the direction of travel, one more than the
 * limit, become a page in list order with exact cursors. Stateless.
 */
final class KeysetPage {
  private KeysetPage() {}

  /**
   * @param forward whether travel follows the list's order
   * @param fromCursor whether the page continues a cursor (the start of a list has nothing before it)
   * @param anyBefore whether a listed row lies before an item, towards the list's start
   * @param anyAfter whether a listed row lies after an item, towards the list's end
   * @param cursor the cursor continuing from an item, towards the end (true) or the start (false)
   */
  static <T> Page<T> of(List<T> fetched, int limit, boolean forward, boolean fromCursor, Predicate<T> anyBefore,
      Predicate<T> anyAfter, BiFunction<T, Boolean, String> cursor) {
    Checks.notNull(fetched, "fetched");
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
    boolean before = forward ? fromCursor && anyBefore.test(first) : moreAhead;
    boolean after = forward ? moreAhead : fromCursor && anyAfter.test(last);
    return new Page<>(items,
        before ? Optional.of(cursor.apply(first, false)) : Optional.empty(),
        after ? Optional.of(cursor.apply(last, true)) : Optional.empty());
  }
}
