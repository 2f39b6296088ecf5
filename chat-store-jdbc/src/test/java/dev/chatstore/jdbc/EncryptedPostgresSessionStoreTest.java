package dev.chatstore.jdbc;

import dev.chatstore.SessionStore;
import dev.chatstore.testkit.SessionStoreContract;
import dev.chatstore.testkit.StoreCapability;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The whole contract on a PostgreSQL store that seals every value, a fresh database per test. */
class EncryptedPostgresSessionStoreTest extends SessionStoreContract {
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
    return JdbcSessionStore.builder().url(server.url(database), "postgres", "")
        .encryption(TestKeys.encryption("k1")).open();
  }
}
