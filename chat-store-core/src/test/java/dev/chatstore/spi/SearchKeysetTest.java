package dev.chatstore.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchKeysetTest {
  private static final List<String> HITS = List.of("id1", "id4", "id2", "id5", "id3");

  private static Page<String> page(PageRequest request) {
    return SearchKeyset.of(request).pageOf(HITS, id -> id);
  }

  @Test
  void hitsPageNewestFirstForwardAndBack() {
    Page<String> first = page(PageRequest.first(2));
    assertThat(first.items()).containsExactly("id5", "id4");
    assertThat(first.hasPrevious()).isFalse();
    Page<String> second = page(PageRequest.from(first.nextCursor().orElseThrow(), 2));
    assertThat(second.items()).containsExactly("id3", "id2");
    Page<String> last = page(PageRequest.from(second.nextCursor().orElseThrow(), 2));
    assertThat(last.items()).containsExactly("id1");
    assertThat(last.hasNext()).isFalse();
    Page<String> back = page(PageRequest.from(last.previousCursor().orElseThrow(), 2));
    assertThat(back.items()).containsExactly("id3", "id2");
    Page<String> start = page(PageRequest.from(back.previousCursor().orElseThrow(), 2));
    assertThat(start.items()).containsExactly("id5", "id4");
    assertThat(start.hasPrevious()).isFalse();
  }

  @Test
  void fetchDirectionAndAheadFollowTheCursor() {
    SearchKeyset back = SearchKeyset.of(PageRequest.from(Cursors.search(false, "id3"), 5));
    assertThat(back.fetchesNewestFirst()).isFalse();
    assertThat(back.isAhead("id4")).isTrue();
    assertThat(back.isAhead("id3")).isFalse();
    assertThat(back.fetchLimit()).isEqualTo(6);
  }
}
