package dev.chatstore.spi;

import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keyset paging of search hits across sessions: the one home of that rule. Hits are listed newest
 * first by message id (ids are time-ordered); a cursor names the hit on a page's edge and a
 * direction. Like {@link SessionKeyset}, a backend fetches up to {@link #fetchLimit()} hits
 * {@linkplain #isAhead ahead} of the cursor in {@link #fetchesNewestFirst() fetch order} and hands
 * them to {@link #page}. Immutable.
 */
public final class SearchKeyset {
  private final Optional<String> cursor;
  private final boolean forward;
  private final int limit;

  /** Asks the backend whether a hit lies past {@code item}: newer ({@code newer}) or older than it. */
  @FunctionalInterface
  public interface Probe<T> {
    boolean anyBeyond(T item, boolean newer);
  }

  private SearchKeyset(Optional<String> cursor, boolean forward, int limit) {
    this.cursor = cursor;
    this.forward = forward;
    this.limit = limit;
  }

  /** The page {@code request} asks for (its cursor checked here). */
  public static SearchKeyset of(PageRequest request) {
    Checks.notNull(request, "page");
    Optional<Cursors.SearchPosition> position = request.cursor().map(Cursors::search);
    return new SearchKeyset(position.map(Cursors.SearchPosition::messageId),
        position.map(Cursors.SearchPosition::forward).orElse(true), request.limit());
  }

  /** The message id fetched hits must lie strictly beyond; empty at the start. */
  public Optional<String> cursor() {
    return cursor;
  }

  /** Whether hits are fetched newest first (descending message id): true unless paging back. */
  public boolean fetchesNewestFirst() {
    return forward;
  }

  /** How many hits to fetch at most: one more than the page. */
  public int fetchLimit() {
    return limit + 1;
  }

  /** Whether a hit with this message id lies ahead of the cursor in the fetch direction. */
  public boolean isAhead(String messageId) {
    Checks.notNull(messageId, "messageId");
    return cursor.isEmpty() || (forward ? messageId.compareTo(cursor.get()) < 0 : messageId.compareTo(cursor.get()) > 0);
  }

  /** The page of {@code fetched} hits, in fetch order and all ahead of the cursor. */
  public <T> Page<T> page(List<T> fetched, Function<T, String> messageId, Probe<T> probe) {
    Checks.notNull(messageId, "messageId");
    Checks.notNull(probe, "probe");
    return KeysetPage.of(fetched, limit, forward, cursor.isPresent(), item -> probe.anyBeyond(item, true),
        item -> probe.anyBeyond(item, false), (item, ahead) -> Cursors.search(ahead, messageId.apply(item)));
  }

  /** The page of {@code hits}, every hit in any order: for a backend that collects them in memory. */
  public <T> Page<T> pageOf(List<T> hits, Function<T, String> messageId) {
    Checks.notNull(hits, "hits");
    Comparator<T> newestFirst = Comparator.comparing(messageId, Comparator.reverseOrder());
    List<T> fetched = new ArrayList<>();
    for (T hit : hits) {
      if (isAhead(messageId.apply(hit))) {
        fetched.add(hit);
      }
    }
    fetched.sort(forward ? newestFirst : newestFirst.reversed());
    List<T> head = fetched.size() > fetchLimit() ? fetched.subList(0, fetchLimit()) : fetched;
    return page(head, messageId, (item, newer) -> {
      String at = messageId.apply(item);
      return hits.stream().map(messageId).anyMatch(id -> newer ? id.compareTo(at) > 0 : id.compareTo(at) < 0);
    });
  }
}
