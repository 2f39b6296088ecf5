package dev.chatstore.file.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * One page of an ordered list read from a keyset position: the items that match, and whether any
 * matching item lies before or after the page. Matching is tested lazily, item by item, so an
 * expensive filter (a text search through a session's messages) runs only as far as needed.
 */
final class Keyset {
  private Keyset() {}

  /** A page and whether there is more on either side of it. */
  record Window<T>(List<T> items, boolean moreBefore, boolean moreAfter) {}

  /**
   * Reading forward, the page starts at {@code boundary} (the first item past the cursor); reading
   * backward, it ends just before {@code boundary}, holding the items nearest to it.
   */
  static <T> Window<T> page(List<T> sorted, int boundary, boolean forward, int limit, Predicate<T> matches) {
    List<T> items = new ArrayList<>(Math.min(limit, sorted.size()));
    if (forward) {
      int i = boundary;
      for (; i < sorted.size() && items.size() < limit; i++) {
        if (matches.test(sorted.get(i))) {
          items.add(sorted.get(i));
        }
      }
      boolean after = any(sorted, i, sorted.size(), matches);
      boolean before = !items.isEmpty() && anyBackward(sorted, boundary - 1, matches);
      return new Window<>(items, before, after && !items.isEmpty());
    }
    int i = boundary - 1;
    for (; i >= 0 && items.size() < limit; i--) {
      if (matches.test(sorted.get(i))) {
        items.add(sorted.get(i));
      }
    }
    Collections.reverse(items);
    boolean before = anyBackward(sorted, i, matches);
    boolean after = any(sorted, boundary, sorted.size(), matches);
    return new Window<>(items, before && !items.isEmpty(), after && !items.isEmpty());
  }

  private static <T> boolean any(List<T> sorted, int from, int to, Predicate<T> matches) {
    for (int i = from; i < to; i++) {
      if (matches.test(sorted.get(i))) {
        return true;
      }
    }
    return false;
  }

  private static <T> boolean anyBackward(List<T> sorted, int from, Predicate<T> matches) {
    for (int i = from; i >= 0; i--) {
      if (matches.test(sorted.get(i))) {
        return true;
      }
    }
    return false;
  }
}
