package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void terminatedConnectionsAreUnavailableOnceThenThePoolReconnects() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    try (JdbcSessionStore own = db.open()) {
      ChatSession s = own.createSession(NewSession.forOwner("o").build());
      own.append(s.id(), NewMessage.user("before"));

      killBackends(db);
      assertThatThrownBy(() -> own.append(s.id(), NewMessage.user("lost")))
          .isInstanceOf(UnavailableException.class);

      assertThat(own.append(s.id(), NewMessage.user("after")).seq()).isEqualTo(2);
      assertThat(own.getSession(s.id()).messageCount()).isEqualTo(2);
    }
  }

  private static void killBackends(TestDatabase db) throws Exception {
    String name = db.url().substring(db.url().lastIndexOf('/') + 1);
    assertThat(db.column("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        + " WHERE datname = ? AND pid <> pg_backend_pid()", name)).isNotEmpty();
  }
}
