package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.NewSession;
import dev.chatstore.SessionQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two store instances on one database, as two processes would be, creating sessions with the same
 * conversation key at the same moment from real threads: each time one session is created and every
 * other attempt is a {@link ConflictException} ({@code ALREADY_EXISTS}), with nothing else written.
 */
abstract class KeyRaceTestBase {
  private static final int THREADS = 6;
  private static final int ROUNDS = 25;

  /** A new database for this test, empty. */
  abstract TestDatabase database();

  @Test
  void storesCreatingTheSameKeyAtOnceGetOneSessionAndConflicts() throws Exception {
    TestDatabase db = database();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (JdbcSessionStore a = db.builder().maxConnections(THREADS).open();
        JdbcSessionStore b = db.builder().maxConnections(THREADS).open()) {
      for (int round = 0; round < ROUNDS; round++) {
        String key = "conversation " + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ChatSession>> attempts = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          JdbcSessionStore store = t % 2 == 0 ? a : b;
          String title = "thread " + t;
          attempts.add(pool.submit(() -> {
            start.await();
            return store.createSession(NewSession.forOwner("o").title(title).key(key).build());
          }));
        }
        start.countDown();

        List<ChatSession> created = new ArrayList<>();
        int conflicts = 0;
        for (Future<ChatSession> attempt : attempts) {
          try {
            created.add(attempt.get());
          } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOfSatisfying(ConflictException.class,
                c -> assertThat(c.reason()).isEqualTo(ConflictException.Reason.ALREADY_EXISTS));
            conflicts++;
          }
        }
        assertThat(created).as("round %d", round).hasSize(1);
        assertThat(conflicts).isEqualTo(THREADS - 1);
        assertThat(a.findSessionByKey("o", key)).contains(created.get(0));
        assertThat(b.findSessionByKey("o", key)).contains(created.get(0));
      }
      assertThat(a.listSessions(SessionQuery.forOwner("o").limit(100).build()).items()).hasSize(ROUNDS);
      assertThat(db.column("SELECT COUNT(*) FROM chatstore_sessions")).containsExactly(String.valueOf(ROUNDS));
    } finally {
      pool.shutdownNow();
    }
  }
}
