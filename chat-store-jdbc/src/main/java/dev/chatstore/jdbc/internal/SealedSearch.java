package dev.chatstore.jdbc.internal;

import dev.chatstore.Message;
import dev.chatstore.Page;
import dev.chatstore.spi.Cursors;
import dev.chatstore.spi.SearchKeyset;
import dev.chatstore.spi.TextMatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Search on a store that seals values: SQL cannot see sealed text, so the owner's messages are read in
 * the order the SQL search pages them (by message id), opened and matched in Java by {@link TextMatch},
 * the same rule. A call reads at most {@link #MAX_SCANNED} messages: when that bound stops it before the
 * page is full, the page holds the hits found so far (possibly none) and a cursor that continues after
 * the last message read, so a page may hold fewer items than its limit and still have a next cursor.
 * A message whose value does not open (a missing key, damage) cannot match and is passed over. Thread-safe.
 */
final class SealedSearch {
  /** The most messages one call (a page, or a probe of what lies beyond it) reads. */
  static final int MAX_SCANNED = 2_000;
  /** Messages read per statement. */
  private static final int BATCH = 200;

  private final MessageTable table;

  SealedSearch(MessageTable table) {
    this.table = table;
  }

  Page<Message> search(Handle h, String ownerId, TextMatch match, SearchKeyset keyset) {
    boolean newestFirst = keyset.fetchesNewestFirst();
    Scan scan = scan(h, ownerId, match, keyset.cursor(), newestFirst, keyset.fetchLimit());
    if (scan.hits.size() >= keyset.fetchLimit() || scan.exhausted) {
      return keyset.page(scan.hits, Message::id,
          (item, newer) -> scan(h, ownerId, match, Optional.of(item.id()), !newer, 1).any());
    }
    // stopped by the bound: what was found, and a cursor on from the last message read
    List<Message> items = new ArrayList<>(scan.hits);
    Optional<String> onward = Optional.of(Cursors.search(newestFirst, scan.last.orElseThrow()));
    Optional<String> back = keyset.cursor().map(c -> Cursors.search(!newestFirst,
        items.isEmpty() ? c : items.get(0).id()));
    if (!newestFirst) {
      Collections.reverse(items);
      return new Page<>(items, onward, back);
    }
    return new Page<>(items, back, onward);
  }

  /** What a scan found: hits in fetch order, the last id read, whether nothing more lies that way. */
  private record Scan(List<Message> hits, Optional<String> last, boolean exhausted) {
    /** True if a hit lies that way, or may (the bound stopped the scan first): a cursor then, never a lost hit. */
    boolean any() {
      return !hits.isEmpty() || !exhausted;
    }
  }

  private Scan scan(Handle h, String ownerId, TextMatch match, Optional<String> from, boolean newestFirst,
      int wanted) {
    List<Message> hits = new ArrayList<>();
    Optional<String> at = from;
    int scanned = 0;
    while (scanned < MAX_SCANNED) {
      int ask = Math.min(BATCH, MAX_SCANNED - scanned);
      List<MessageTable.Scanned> batch = table.scanOwner(h, ownerId, at, newestFirst, ask);
      for (MessageTable.Scanned row : batch) {
        scanned++;
        at = Optional.of(row.id());
        if (row.message().filter(m -> match.matches(m.content())).isPresent()) {
          hits.add(row.message().get());
          if (hits.size() >= wanted) {
            return new Scan(hits, at, false);
          }
        }
      }
      if (batch.size() < ask) {
        return new Scan(hits, at, true);
      }
    }
    return new Scan(hits, at, false);
  }
}
