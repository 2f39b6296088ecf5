package dev.chatstore.jdbc;

import dev.chatstore.SessionStore;
import dev.chatstore.testkit.SessionStoreContract;
import dev.chatstore.testkit.StoreCapability;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The whole contract on a real PostgreSQL server started by the tests, a fresh database per test (a
 * copy of one migrated once: migrations have tests of their own). A
 * second instance is another store with its own connections on the same database: what a second
 * process would be.
 */
class PostgresSessionStoreTest extends SessionStoreContract {
  private final EmbeddedPostgresServer server = EmbeddedPostgresServer.get();
  private String database;

  @Override
  protected SessionStore createStore() {
    database = server.createMigratedDatabase();
    return open();
  }

  @Override
  protected Optional<SessionStore> openSecondInstance(SessionStore first) {
    return Optional.of(open());
  }

  @Override
  protected Set<StoreCapability> capabilities() {
    return EnumSet.of(StoreCapability.SECOND_INSTANCE, StoreCapability.REOPEN);
  }

  private SessionStore open() {
    return JdbcSessionStore.builder().url(server.url(database), "postgres", "").open();
  }
}
