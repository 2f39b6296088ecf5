package dev.chatstore.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Page;
import dev.chatstore.SessionOrder;
import dev.chatstore.SessionQuery;
import dev.chatstore.spi.SessionKeyset.Key;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionKeysetTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  /** Five rows; two share a time so the id breaks the tie. */
  private static final List<Key> ROWS = List.of(new Key(T, "a"), new Key(T.plusSeconds(1), "b"),
      new Key(T.plusSeconds(1), "c"), new Key(T.plusSeconds(2), "d"), new Key(T.plusSeconds(3), "e"));

  private static Page<Key> page(SessionOrder order, int limit, Optional<String> cursor) {
    SessionQuery.Builder b = SessionQuery.forOwner("o").order(order).limit(limit);
    cursor.ifPresent(b::cursor);
    return SessionKeyset.of(b.build()).pageOf(new ArrayList<>(ROWS), k -> k);
  }

  private static List<String> ids(Page<Key> page) {
    return page.items().stream().map(Key::id).toList();
  }

  @Test
  void newestFirstPagesForwardAndBackWithoutRepeatsOrGaps() {
    Page<Key> first = page(SessionOrder.RECENTLY_UPDATED, 2, Optional.empty());
    assertThat(ids(first)).containsExactly("e", "d");
    assertThat(first.hasPrevious()).isFalse();
    Page<Key> second = page(SessionOrder.RECENTLY_UPDATED, 2, first.nextCursor());
    assertThat(ids(second)).containsExactly("c", "b");
    assertThat(second.hasPrevious()).isTrue();
    Page<Key> third = page(SessionOrder.RECENTLY_UPDATED, 2, second.nextCursor());
    assertThat(ids(third)).containsExactly("a");
    assertThat(third.hasNext()).isFalse();
    Page<Key> back = page(SessionOrder.RECENTLY_UPDATED, 2, third.previousCursor());
    assertThat(ids(back)).containsExactly("c", "b");
    Page<Key> start = page(SessionOrder.RECENTLY_UPDATED, 2, back.previousCursor());
    assertThat(ids(start)).containsExactly("e", "d");
    assertThat(start.hasPrevious()).isFalse();
    assertThat(start.hasNext()).isTrue();
  }

  @Test
  void oldestFirstIsTheSameListReversed() {
    Page<Key> first = page(SessionOrder.LEAST_RECENTLY_UPDATED, 3, Optional.empty());
    assertThat(ids(first)).containsExactly("a", "b", "c");
    Page<Key> rest = page(SessionOrder.LEAST_RECENTLY_UPDATED, 3, first.nextCursor());
    assertThat(ids(rest)).containsExactly("d", "e");
    assertThat(rest.hasNext()).isFalse();
  }

  @Test
  void fetchDirectionFollowsOrderAndCursorDirection() {
    SessionKeyset newest = SessionKeyset.of(SessionQuery.of("o"));
    assertThat(newest.fetchesNewestFirst()).isTrue();
    assertThat(newest.fetchLimit()).isEqualTo(SessionQuery.DEFAULT_LIMIT + 1);
    assertThat(newest.isAhead(new Key(T, "z"))).isTrue();
    String back = Cursors.session(false, T.plusSeconds(1), "b");
    SessionKeyset backward = SessionKeyset.of(SessionQuery.forOwner("o").cursor(back).build());
    assertThat(backward.fetchesNewestFirst()).isFalse();
    assertThat(backward.isAhead(new Key(T.plusSeconds(1), "c"))).isTrue();
    assertThat(backward.isAhead(new Key(T.plusSeconds(1), "b"))).isFalse();
    assertThat(backward.isAhead(new Key(T, "a"))).isFalse();
  }

  @Test
  void theProbeIsAskedOnlyForPagesReachedThroughACursor() {
    SessionKeyset start = SessionKeyset.of(SessionQuery.forOwner("o").limit(2).build());
    List<Boolean> asked = new ArrayList<>();
    start.page(List.of(ROWS.get(4), ROWS.get(3), ROWS.get(2)), k -> k, (item, newer) -> asked.add(newer));
    assertThat(asked).isEmpty();
    SessionKeyset onward = SessionKeyset.of(SessionQuery.forOwner("o").limit(2)
        .cursor(Cursors.session(true, T.plusSeconds(2), "d")).build());
    Page<Key> page = onward.page(List.of(ROWS.get(2), ROWS.get(1)), k -> k, (item, newer) -> asked.add(newer));
    assertThat(asked).containsExactly(true); // newest first: behind the page lies what is newer
    assertThat(page.hasPrevious()).isTrue();
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void nothingAheadOfTheCursorIsAnEmptyPage() {
    Page<Key> none = page(SessionOrder.RECENTLY_UPDATED, 2, Optional.of(Cursors.session(true, T, "a")));
    assertThat(none).isEqualTo(Page.empty());
  }
}
