package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionOrder;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paging through a text-filtered session list and through search hits, where most rows around each
 * page do not match: the file store reads sessions for the filter lazily, and the cursors must
 * still walk every match once in both directions, with a cursor exactly where more lies.
 */
class FilteredPagingTest {
  private static final String OWNER = "me";

  @TempDir
  Path folder;

  private FileSessionStore store;
  /** The owner's sessions that mention "rome", oldest first. */
  private final List<String> mentioning = new ArrayList<>();
  /** The owner's messages that contain "rome". */
  private final List<Message> hits = new ArrayList<>();

  @BeforeEach
  void fill() {
    store = FileSessionStore.builder(folder).fsync(FsyncPolicy.none()).open(); // fsync adds nothing here
    for (int i = 0; i < 24; i++) {
      String id = String.format("s%02d", i);
      boolean inTitle = i % 5 == 0;
      boolean inMessage = i % 7 == 3;
      store.createSession(NewSession.forOwner(OWNER).id(id).title(inTitle ? "Rome " + i : "Trip " + i).build());
      Message m = store.append(id, NewMessage.user(inMessage ? "and then ROME, day " + i : "day " + i));
      if (inMessage) {
        hits.add(m);
      }
      if (inTitle || inMessage) {
        mentioning.add(id);
      }
      store.createSession(NewSession.forOwner("other").id("o" + id).title("Rome for someone else").build());
      store.append("o" + id, NewMessage.user("rome, not yours"));
    }
    hits.sort(Comparator.comparing(Message::id).reversed());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Page<SessionSummary> list(SessionOrder order, int limit, Optional<String> cursor) {
    SessionQuery.Builder q = SessionQuery.forOwner(OWNER).text("rome").order(order).limit(limit);
    cursor.ifPresent(q::cursor);
    return store.listSessions(q.build());
  }

  @Test
  void aFilteredListWalksEveryMatchOnceInBothOrdersAndBack() {
    for (SessionOrder order : SessionOrder.values()) {
      List<String> expected = new ArrayList<>(mentioning);
      if (order == SessionOrder.RECENTLY_UPDATED) {
        Collections.reverse(expected);
      }
      for (int limit : new int[] {1, 2, 5, expected.size(), expected.size() + 1}) {
        walk(expected, limit, cursor -> list(order, limit, cursor), SessionSummary::id);
      }
    }
  }

  @Test
  void aDeletedMatchLeavesTheListUntilRestored() {
    store.deleteSession(mentioning.get(1));
    List<String> expected = new ArrayList<>(mentioning);
    expected.remove(1);
    walk(expected, 2, cursor -> list(SessionOrder.LEAST_RECENTLY_UPDATED, 2, cursor), SessionSummary::id);
  }

  @Test
  void searchHitsWalkOnceNewestFirstAndBack() {
    List<String> expected = hits.stream().map(Message::id).toList();
    for (int limit : new int[] {1, 2, 4, expected.size(), expected.size() + 1}) {
      walk(expected, limit, cursor -> store.searchMessages(OWNER, "Rome",
          cursor.map(c -> PageRequest.from(c, limit)).orElse(PageRequest.first(limit))), Message::id);
    }
  }

  /** Pages forward to the end and back to the start, checking items and cursors at every step. */
  private static <T> void walk(List<String> expected, int limit, Function<Optional<String>, Page<T>> read,
      Function<T, String> id) {
    List<List<String>> forward = new ArrayList<>();
    Page<T> page = read.apply(Optional.empty());
    assertThat(page.hasPrevious()).as("the first page has nothing before it").isFalse();
    while (true) {
      List<String> ids = page.items().stream().map(id).toList();
      int from = forward.size() * limit;
      assertThat(ids).as("page %d of %d", forward.size(), limit)
          .isEqualTo(expected.subList(from, Math.min(expected.size(), from + limit)));
      assertThat(page.hasNext()).as("a next cursor exactly when more follows")
          .isEqualTo(from + ids.size() < expected.size());
      forward.add(ids);
      if (!page.hasNext()) {
        break;
      }
      page = read.apply(page.nextCursor());
      assertThat(page.hasPrevious()).as("a page after a cursor has one back").isTrue();
    }
    for (int i = forward.size() - 2; i >= 0; i--) {
      page = read.apply(page.previousCursor());
      assertThat(page.items().stream().map(id).toList()).as("back to page %d of %d", i, limit)
          .isEqualTo(forward.get(i));
      assertThat(page.hasPrevious()).isEqualTo(i > 0);
      assertThat(page.hasNext()).isTrue();
    }
  }
}
