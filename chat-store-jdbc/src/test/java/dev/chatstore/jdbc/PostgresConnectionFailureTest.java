package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.UnavailableException;
import org.junit.jupiter.api.Test;

/**
 * Connection failures against PostgreSQL: the shared cases, and server-side kills of the store's own
 * pooled connections (pg_terminate_backend), as a restart or a failover would do.
 */
class PostgresConnectionFailureTest extends ConnectionFailureTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.migratedPostgres();
  }

  @Test
  void terminatedConnectionsAreUnavailableAtMostOnceThenThePoolReconnects() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    try (JdbcSessionStore own = db.open()) {
      ChatSession s = own.createSession(NewSession.forOwner("o").build());
      own.append(s.id(), NewMessage.user("before"));

      killBackends(db);
      // The pool checks a connection that sat idle before lending it; one lent at once is found dead
      // by the append itself, which then fails as unavailable, writing nothing.
      long stored = 1;
      try {
        own.append(s.id(), NewMessage.user("maybe"));
        stored++;
      } catch (UnavailableException expected) {
        assertThat(expected).hasMessageContaining("appending");
      }

      assertThat(own.append(s.id(), NewMessage.user("after")).seq()).isEqualTo(stored + 1);
      assertThat(own.getSession(s.id()).messageCount()).isEqualTo(stored + 1);
    }
  }

  private static void killBackends(TestDatabase db) throws Exception {
    String name = db.url().substring(db.url().lastIndexOf('/') + 1);
    assertThat(db.column("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        + " WHERE datname = ? AND pid <> pg_backend_pid()", name)).isNotEmpty();
  }
}
