package dev.chatstore.jdbc;

import dev.chatstore.SessionStore;
import dev.chatstore.testkit.SessionStoreContract;
import dev.chatstore.testkit.StoreCapability;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/** The whole contract on the embedded default: an H2 file database in a folder of its own per test. */
class H2SessionStoreTest extends SessionStoreContract {
  @TempDir
  Path folder;

  @Override
  protected SessionStore createStore() {
    return JdbcSessionStore.h2(folder);
  }

  /** Another store on the same file: in this JVM while the first is open, or after it closed. */
  @Override
  protected Optional<SessionStore> openSecondInstance(SessionStore first) {
    return Optional.of(JdbcSessionStore.h2(folder));
  }

  @Override
  protected Set<StoreCapability> capabilities() {
    return EnumSet.of(StoreCapability.SECOND_INSTANCE, StoreCapability.REOPEN);
  }
}
