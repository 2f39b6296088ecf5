package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Page;
import dev.chatstore.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two store instances on one PostgreSQL database, each with its own connections, as two processes
 * would be: many threads of both appending, batching and streaming into one session at once.
 */
class PostgresTwoInstancesTest {
  private static final int THREADS_PER_STORE = 4;
  private static final int ROUNDS = 40;

  @Test
  void seqsStayGapFreeAndUniqueUnderConcurrentWritersOfTwoStores() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    try (JdbcSessionStore a = db.builder().maxConnections(THREADS_PER_STORE).open();
        JdbcSessionStore b = db.builder().maxConnections(THREADS_PER_STORE).open()) {
      ChatSession s = a.createSession(NewSession.forOwner("o").build());
      ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_STORE);
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < 2 * THREADS_PER_STORE; t++) {
        JdbcSessionStore store = t % 2 == 0 ? a : b;
        int thread = t;
        futures.add(pool.submit((Callable<List<String>>) () -> {
          List<String> written = new ArrayList<>();
          for (int i = 0; i < ROUNDS; i++) {
            switch (i % 4) {
              case 0 -> store.appendAll(s.id(), List.of(NewMessage.user("b1"), NewMessage.user("b2")))
                  .forEach(m -> written.add(m.id()));
              case 1 -> {
                MessageStream stream = store.openStream(s.id(), Role.ASSISTANT);
                written.add(stream.append("streamed by " + thread).complete().id());
              }
              default -> written.add(store.append(s.id(), NewMessage.user("t" + thread + " " + i)).id());
            }
          }
          return written;
        }));
      }
      List<String> written = new ArrayList<>();
      for (Future<List<String>> f : futures) {
        written.addAll(f.get());
      }
      pool.shutdown();

      List<Message> all = all(b, s.id());
      assertThat(all).extracting(Message::seq).containsExactlyElementsOf(oneTo(all.size()));
      assertThat(all).extracting(Message::id).containsExactlyInAnyOrderElementsOf(written);
      assertThat(new HashSet<>(written)).hasSize(written.size());
      assertThat(a.getSession(s.id()).messageCount()).isEqualTo(written.size());
      // a batch's messages stay next to each other
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).content().equals("b1")) {
          assertThat(all.get(i + 1).content()).isEqualTo("b2");
        }
      }
    }
  }

  private static List<Long> oneTo(int n) {
    List<Long> seqs = new ArrayList<>();
    for (long i = 1; i <= n; i++) {
      seqs.add(i);
    }
    return seqs;
  }

  private static List<Message> all(JdbcSessionStore store, String sessionId) {
    List<Message> all = new ArrayList<>();
    Page<Message> page = store.messages(sessionId, MessageQuery.earliest(MessageQuery.MAX_LIMIT));
    all.addAll(page.items());
    while (page.nextCursor().isPresent()) {
      page = store.messages(sessionId, MessageQuery.from(page.nextCursor().get(), MessageQuery.MAX_LIMIT));
      all.addAll(page.items());
    }
    return all;
  }
}
