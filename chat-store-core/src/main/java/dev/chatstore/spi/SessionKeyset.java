package dev.chatstore.spi;

import dev.chatstore.Page;
import dev.chatstore.SessionOrder;
import dev.chatstore.SessionQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keyset paging of session lists: the one home of that rule. A list is ordered by (updatedAt, id),
 * newest first for {@link SessionOrder#RECENTLY_UPDATED}; a cursor names the last row seen and a
 * direction. A backend fetches, in {@link #fetchOrder()}, up to {@link #fetchLimit()} matching rows
 * that lie {@linkplain #isAhead ahead} of the cursor, and hands them to {@link #page}, which orders
 * them as the list reads and sets exact cursors: the extra row says whether more lies ahead, and only
 * a page reached through a cursor asks the backend whether anything lies behind it. Rows added
 * between two reads neither repeat nor get skipped. Immutable.
 */
public final class SessionKeyset {
  /** Ascending (updatedAt, id): the order keys compare in. */
  private static final Comparator<Key> ASCENDING = Comparator.comparing(Key::updatedAt).thenComparing(Key::id);

  private final boolean newestFirst;
  private final Optional<Key> cursor;
  private final boolean forward;
  private final int limit;

  /** A session's place in a list. */
  public record Key(Instant updatedAt, String id) {
    public Key {
      Checks.notNull(updatedAt, "updatedAt");
      Checks.notNull(id, "id");
    }
  }

  /** Asks the backend whether a listed row (one that passes the query's filters) lies past {@code item}. */
  @FunctionalInterface
  public interface Probe<T> {
    /** True if a listed row has a key greater ({@code newer}) or smaller ({@code !newer}) than {@code item}'s. */
    boolean anyBeyond(T item, boolean newer);
  }

  private SessionKeyset(boolean newestFirst, Optional<Key> cursor, boolean forward, int limit) {
    this.newestFirst = newestFirst;
    this.cursor = cursor;
    this.forward = forward;
    this.limit = limit;
  }

  /** The keyset page {@code query} asks for (its cursor checked here). */
  public static SessionKeyset of(SessionQuery query) {
    Checks.notNull(query, "query");
    Optional<Cursors.SessionPosition> position = query.cursor().map(Cursors::session);
    return new SessionKeyset(query.order() == SessionOrder.RECENTLY_UPDATED,
        position.map(p -> new Key(p.updatedAt(), p.id())),
        position.map(Cursors.SessionPosition::forward).orElse(true), query.limit());
  }

  /** The cursor's row, which fetched rows must lie strictly beyond; empty at the start of a list. */
  public Optional<Key> cursor() {
    return cursor;
  }

  /** Whether rows are fetched newest first, that is by descending (updatedAt, id). */
  public boolean fetchesNewestFirst() {
    return forward == newestFirst;
  }

  /** The order to fetch rows in. */
  public Comparator<Key> fetchOrder() {
    return fetchesNewestFirst() ? ASCENDING.reversed() : ASCENDING;
  }

  /** How many rows to fetch at most: one more than the page, to learn whether more lies ahead. */
  public int fetchLimit() {
    return limit + 1;
  }

  /** Whether a row with {@code key} lies ahead of the cursor in the fetch direction (every row when there is none). */
  public boolean isAhead(Key key) {
    Checks.notNull(key, "key");
    return cursor.isEmpty() || fetchOrder().compare(key, cursor.get()) > 0;
  }

  /**
   * The page of {@code fetched}: up to {@link #fetchLimit()} rows in {@link #fetchOrder()}, all ahead
   * of the cursor. {@code probe} is asked at most once, and only when the page continues a cursor.
   */
  public <T> Page<T> page(List<T> fetched, Function<T, Key> key, Probe<T> probe) {
    Checks.notNull(key, "key");
    Checks.notNull(probe, "probe");
    // towards the list's start is towards newer rows when the list is newest first
    return KeysetPage.of(fetched, limit, forward, cursor.isPresent(), item -> probe.anyBeyond(item, newestFirst),
        item -> probe.anyBeyond(item, !newestFirst), (item, ahead) -> cursorTo(key.apply(item), ahead));
  }

  /**
   * The page of {@code rows}, every listed row in any order: for a backend that holds its list in
   * memory. Sorts, takes what lies ahead of the cursor, and answers the probe from the same rows.
   */
  public <T> Page<T> pageOf(List<T> rows, Function<T, Key> key) {
    Checks.notNull(rows, "rows");
    Comparator<T> order = Comparator.comparing(key, fetchOrder());
    List<T> fetched = new ArrayList<>();
    for (T row : rows) {
      if (isAhead(key.apply(row))) {
        fetched.add(row);
      }
    }
    fetched.sort(order);
    List<T> head = fetched.size() > fetchLimit() ? fetched.subList(0, fetchLimit()) : fetched;
    return page(head, key, (item, newer) -> {
      Key at = key.apply(item);
      return rows.stream().map(key).anyMatch(k -> newer ? ASCENDING.compare(k, at) > 0 : ASCENDING.compare(k, at) < 0);
    });
  }

  private static String cursorTo(Key key, boolean forward) {
    return Cursors.session(forward, key.updatedAt(), key.id());
  }
}
