package dev.chatstore;

import dev.chatstore.spi.Checks;
import java.util.List;
import java.util.Optional;

/**
 * A slice of a longer list, with opaque cursors to the slices on either side. A cursor is present
 * only when there was more in that direction at the time of reading. Pass a cursor back to the
 * same kind of query ({@link MessageQuery#from}, {@link SessionQuery.Builder#cursor},
 * {@link PageRequest#from}); cursors are keyset positions, so rows added between two reads neither
 * repeat nor get skipped.
 *
 * <p>Message pages hold messages in conversation order (ascending seq); their previous cursor
 * leads to older messages and their next cursor to newer ones.
 */
public record Page<T>(List<T> items, Optional<String> previousCursor, Optional<String> nextCursor) {
  public Page {
    items = Checks.list(items, "items");
    Checks.notNull(previousCursor, "previousCursor");
    Checks.notNull(nextCursor, "nextCursor");
  }

  /** An empty page with nothing on either side. */
  public static <T> Page<T> empty() {
    return new Page<>(List.of(), Optional.empty(), Optional.empty());
  }

  public boolean hasPrevious() {
    return previousCursor.isPresent();
  }

  public boolean hasNext() {
    return nextCursor.isPresent();
  }
}
