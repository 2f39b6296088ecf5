package dev.chatstore.jdbc;

import dev.chatstore.SessionStore;
import dev.chatstore.testkit.SessionStoreContract;
import dev.chatstore.testkit.StoreCapability;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/** The whole contract on an H2 store that seals every value: encryption changes nothing a host sees. */
class EncryptedH2SessionStoreTest extends SessionStoreContract {
  @TempDir
  Path folder;

  @Override
  protected SessionStore createStore() {
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
    return JdbcSessionStore.h2Builder(folder).encryption(TestKeys.encryption("k1")).open();
  }
}
