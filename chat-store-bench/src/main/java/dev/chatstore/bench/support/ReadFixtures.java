package dev.chatstore.bench.support;

import dev.chatstore.ChatSession;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionStore;
import dev.chatstore.file.FileSessionStore;
import dev.chatstore.file.FsyncPolicy;
import dev.chatstore.jdbc.JdbcSessionStore;
import java.nio.file.Path;

/**
 * The large read-only data sets, built once through the store API and reused by every later fork and
 * run (see {@link Fixture}); a cached copy is checked by its counts before it is trusted. Stateless.
 */
public final class ReadFixtures {
  /** The session holding a million messages in {@link #h2MillionMessages()}. */
  public static final String BIG_SESSION = "bench-big-session";
  /** The owner of the many sessions in the listing fixtures. */
  public static final String MANY_OWNER = "bench-many-owner";
  /**
   * Set the system property {@code chatstore.bench.scale=small} (in the forks: {@code -jvmArgsAppend
   * -Dchatstore.bench.scale=small}) for a smoke run: every fixture 100 times smaller.
   */
  public static final boolean SMALL = "small".equals(System.getProperty("chatstore.bench.scale"));
  /** Messages of the big H2 session: 1,000,000. */
  public static final long H2_MESSAGES = SMALL ? 10_000 : 1_000_000;
  /** Sessions of the many-sessions H2 owner: 100,000. */
  public static final int H2_SESSIONS = SMALL ? 1_000 : 100_000;
  /** Sessions of the many-sessions file-store owner: 10,000. */
  public static final int FILE_SESSIONS = SMALL ? 100 : 10_000;
  /** Messages of the big file-store session: 10,000. */
  public static final int FILE_MESSAGES = SMALL ? 1_000 : 10_000;

  private ReadFixtures() {}

  /** H2: one session of {@link #H2_MESSAGES} messages (200 chars each). */
  public static Path h2MillionMessages() {
    return Fixture.ensure("h2-messages-" + H2_MESSAGES, "v1 messages=" + H2_MESSAGES + " chars=" + Texts.MESSAGE_CHARS,
        folder -> {
      try (JdbcSessionStore store = H2Bench.openForBuilding(folder)) {
        store.createSession(NewSession.forOwner("bench-owner").id(BIG_SESSION).title("a million messages").build());
        for (long done = 0; done < H2_MESSAGES; done += Fill.BATCH) {
          Fill.session(store, BIG_SESSION, Math.min(Fill.BATCH, H2_MESSAGES - done));
          if ((done / Fill.BATCH) % 10 == 9) {
            System.out.printf("[fixture]   %,d messages%n", done + Fill.BATCH);
          }
        }
      }
    }, folder -> {
      try (JdbcSessionStore store = JdbcSessionStore.h2(folder)) {
        return count(store, BIG_SESSION) == H2_MESSAGES;
      }
    });
  }

  /** H2: one owner with {@link #H2_SESSIONS} sessions, each titled and holding one message. */
  public static Path h2ManySessions() {
    return Fixture.ensure("h2-sessions-" + H2_SESSIONS, "v1 sessions=" + H2_SESSIONS, folder -> {
      try (JdbcSessionStore store = H2Bench.openForBuilding(folder)) {
        manySessions(store, H2_SESSIONS);
      }
    }, folder -> {
      try (JdbcSessionStore store = JdbcSessionStore.h2(folder)) {
        return store.latestSession(MANY_OWNER).isPresent()
            && store.findSession(manyId(H2_SESSIONS - 1)).isPresent();
      }
    });
  }

  /** File store: one owner with {@link #FILE_SESSIONS} sessions, each titled and holding one message. */
  public static Path fileManySessions() {
    return Fixture.ensure("file-sessions-" + FILE_SESSIONS, "v1 sessions=" + FILE_SESSIONS, folder -> {
      try (SessionStore store = FileSessionStore.builder(folder).fsync(FsyncPolicy.none()).open()) {
        manySessions(store, FILE_SESSIONS);
      }
    }, folder -> {
      try (SessionStore store = FileSessionStore.open(folder)) {
        return store.findSession(manyId(FILE_SESSIONS - 1)).isPresent();
      }
    });
  }

  /** File store: one session of {@link #FILE_MESSAGES} messages. */
  public static Path fileTenThousandMessages() {
    return Fixture.ensure("file-messages-" + FILE_MESSAGES, "v1 messages=" + FILE_MESSAGES + " chars=" + Texts.MESSAGE_CHARS,
        folder -> {
          try (SessionStore store = FileSessionStore.builder(folder).fsync(FsyncPolicy.none()).open()) {
            store.createSession(NewSession.forOwner("bench-owner").id(BIG_SESSION).title("ten thousand").build());
            Fill.session(store, BIG_SESSION, FILE_MESSAGES);
          }
        }, folder -> {
          try (SessionStore store = FileSessionStore.open(folder)) {
            return count(store, BIG_SESSION) == FILE_MESSAGES;
          }
        });
  }

  /** The id of session {@code i} of the many-sessions fixtures. */
  public static String manyId(int i) {
    return String.format("many-%06d", i);
  }

  private static void manySessions(SessionStore store, int count) {
    for (int i = 0; i < count; i++) {
      ChatSession s = store.createSession(NewSession.forOwner(MANY_OWNER).id(manyId(i)).title("Chat number " + i)
          .build());
      store.append(s.id(), NewMessage.user(Texts.message()));
      if (i % 10_000 == 9_999) {
        System.out.printf("[fixture]   %,d sessions%n", i + 1);
      }
    }
  }

  private static long count(SessionStore store, String sessionId) {
    return store.findSession(sessionId).map(ChatSession::messageCount).orElse(-1L);
  }
}
