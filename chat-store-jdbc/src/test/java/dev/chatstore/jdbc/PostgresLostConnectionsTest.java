package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.FlushPolicy;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.StreamOptions;
import dev.chatstore.UnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server drops the store's connections while several threads append, read pages and stream:
 * backends terminated (pg_terminate_backend) and a fast restart of the server. With assertions on,
 * as under Surefire (pgjdbc 42.7.4 then failed an assertion in its batch code about once in twenty
 * failed appends), every failure is UnavailableException, whatever the call; every acknowledged append
 * is stored; and the store works again once the server is back.
 */
class PostgresLostConnectionsTest {
  private static final int APPENDERS = 3;
  private static final int STREAMERS = 2;

  private final Queue<Throwable> wrongFailures = new ConcurrentLinkedQueue<>();
  private final AtomicInteger unavailable = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void everyFailureOfALostConnectionIsUnavailable() throws Exception {
    assertThat(Class.forName("org.postgresql.jdbc.BatchResultHandler", false, getClass().getClassLoader())
        .desiredAssertionStatus()).as("assertions on in the driver (-ea)").isTrue();
    TestDatabase db = TestDatabase.migratedPostgres();
    EmbeddedPostgresServer server = EmbeddedPostgresServer.get();
    ExecutorService threads = Executors.newFixedThreadPool(APPENDERS + STREAMERS + 1);
    try (JdbcSessionStore store = db.open()) {
      List<ChatSession> sessions = new ArrayList<>();
      for (int i = 0; i < APPENDERS + STREAMERS; i++) {
        sessions.add(store.createSession(NewSession.forOwner("o").build()));
      }
      List<Future<List<String>>> appended = new ArrayList<>();
      for (int i = 0; i < APPENDERS; i++) {
        ChatSession s = sessions.get(i);
        appended.add(threads.submit(() -> append(store, s)));
      }
      for (int i = APPENDERS; i < APPENDERS + STREAMERS; i++) {
        ChatSession s = sessions.get(i);
        threads.submit(() -> stream(store, s));
      }
      threads.submit(() -> readPages(store, sessions));

      String name = db.url().substring(db.url().lastIndexOf('/') + 1);
      for (int round = 0; round < 4; round++) {
        Thread.sleep(300);
        server.execute("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE datname = '" + name + "' AND pid <> pg_backend_pid()");
      }
      Thread.sleep(300);
      server.restart();
      Thread.sleep(700);
      running.set(false);
      threads.shutdown();
      assertThat(threads.awaitTermination(120, TimeUnit.SECONDS)).as("the threads stopped").isTrue();

      assertThat(wrongFailures).as("failures that are not UnavailableException").isEmpty();
      assertThat(unavailable.get()).as("calls that failed as unavailable").isPositive();
      for (int i = 0; i < APPENDERS; i++) {
        ChatSession s = sessions.get(i);
        List<Message> stored = store.messages(s.id(), MessageQuery.earliest(MessageQuery.MAX_LIMIT)).items();
        assertThat(stored).extracting(Message::id).as("acknowledged appends").containsAll(appended.get(i).get());
        for (int k = 0; k < stored.size(); k++) {
          assertThat(stored.get(k).seq()).as("gap-free seqs").isEqualTo(k + 1L);
        }
      }
      assertThat(store.append(sessions.get(0).id(), NewMessage.user("after")).content()).isEqualTo("after");
    } finally {
      threads.shutdownNow();
    }
  }

  /** Appends until stopped; returns the ids of the appends the store acknowledged. */
  private List<String> append(JdbcSessionStore store, ChatSession s) {
    List<String> acknowledged = new ArrayList<>();
    for (int i = 0; running.get() && acknowledged.size() < MessageQuery.MAX_LIMIT / 2; i++) {
      int n = i;
      guarded(() -> {
        if (n % 3 == 0) {
          store.appendAll(s.id(), List.of(NewMessage.user("batch " + n), NewMessage.assistant("batch " + n)))
              .forEach(m -> acknowledged.add(m.id()));
        } else {
          acknowledged.add(store.append(s.id(), NewMessage.user("message " + n)).id());
        }
      });
    }
    return acknowledged;
  }

  /** Streams replies until stopped: a flush every few chunks, then the end; failed streams are closed. */
  private void stream(JdbcSessionStore store, ChatSession s) {
    FlushPolicy often = FlushPolicy.defaults().withMaxBufferedChars(16).withMaxDelay(Duration.ofMillis(20));
    while (running.get()) {
      MessageStream[] open = new MessageStream[1];
      guarded(() -> {
        open[0] = store.openStream(s.id(), StreamOptions.assistant().withFlushPolicy(often));
        for (int chunk = 0; chunk < 20; chunk++) {
          open[0].append("token " + chunk + " ");
          if (chunk % 5 == 4) {
            open[0].flush();
          }
        }
        open[0].complete();
      });
      if (open[0] != null) {
        guarded(open[0]::close);
      }
    }
  }

  private void readPages(JdbcSessionStore store, List<ChatSession> sessions) {
    for (int i = 0; running.get(); i++) {
      ChatSession s = sessions.get(i % sessions.size());
      guarded(() -> store.messages(s.id(), MessageQuery.latest(20)));
    }
  }

  /** Runs {@code call}, counting an UnavailableException and keeping any other failure, Errors included. */
  private void guarded(Runnable call) {
    try {
      call.run();
    } catch (UnavailableException expected) {
      unavailable.incrementAndGet();
    } catch (Throwable wrong) {
      wrongFailures.add(wrong);
    }
  }
}
