package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search and the list's text filter on an encrypted store read a bounded number of rows per call: past
 * the bound a page may hold fewer items than its limit, even none, and still have a next cursor, and
 * following the cursors finds every match once.
 */
class EncryptedSearchTest {
  @TempDir
  Path folder;

  @Test
  void aSearchPastTheBoundContinuesThroughItsCursor() {
    try (JdbcSessionStore store = JdbcSessionStore.h2Builder(folder).encryption(TestKeys.encryption("k1")).open()) {
      ChatSession s = store.createSession(NewSession.forOwner("o").build());
      Message needle = store.append(s.id(), NewMessage.user("the Needle is here"));
      List<NewMessage> hay = new ArrayList<>();
      for (int i = 0; i < 2_500; i++) {
        hay.add(NewMessage.user("hay " + i));
      }
      store.appendAll(s.id(), hay);

      Page<Message> first = store.searchMessages("o", "needle", PageRequest.first(10));
      assertThat(first.items()).isEmpty(); // the 2,000 newest messages read hold no match
      assertThat(first.nextCursor()).isPresent();

      List<Message> found = new ArrayList<>();
      Optional<String> cursor = first.nextCursor();
      int pages = 1;
      while (cursor.isPresent()) {
        Page<Message> page = store.searchMessages("o", "needle", PageRequest.from(cursor.get(), 10));
        found.addAll(page.items());
        cursor = page.nextCursor();
        pages++;
      }
      assertThat(found).containsExactly(needle);
      assertThat(pages).isEqualTo(2);
    }
  }

  @Test
  void aTextFilterMatchesSealedTitlesAndMessagesAcrossPages() {
    try (JdbcSessionStore store = JdbcSessionStore.h2Builder(folder).encryption(TestKeys.encryption("k1")).open()) {
      List<String> matching = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        ChatSession s = store.createSession(NewSession.forOwner("o").title(i % 3 == 0 ? "About Zebras" : "other")
            .build());
        store.append(s.id(), NewMessage.user(i % 3 == 1 ? "a zebra walked by" : "nothing"));
        if (i % 3 != 2) {
          matching.add(s.id());
        }
      }
      List<String> listed = new ArrayList<>();
      SessionQuery query = SessionQuery.forOwner("o").text("ZEBRA").limit(2).build();
      Page<SessionSummary> page = store.listSessions(query);
      listed.addAll(page.items().stream().map(SessionSummary::id).toList());
      while (page.nextCursor().isPresent()) {
        page = store.listSessions(SessionQuery.forOwner("o").text("ZEBRA").limit(2).cursor(page.nextCursor().get())
            .build());
        listed.addAll(page.items().stream().map(SessionSummary::id).toList());
      }
      assertThat(listed).containsExactlyInAnyOrderElementsOf(matching).doesNotHaveDuplicates();
    }
  }
}
