package dev.chatstore.file;

import dev.chatstore.SessionStore;
import dev.chatstore.UnavailableException;
import dev.chatstore.testkit.SessionStoreContract;
import dev.chatstore.testkit.StoreCapability;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole contract suite over a file store in a fresh folder per test, with the default fsync
 * policy. A second live instance over one folder is refused by the folder lock, so SECOND_INSTANCE
 * is not declared; reopening the folder after close is (REOPEN).
 */
class FileSessionStoreTest extends SessionStoreContract {
  @TempDir
  Path folder;

  @Override
  protected SessionStore createStore() {
    return FileSessionStore.open(folder);
  }

  @Override
  protected Optional<SessionStore> openSecondInstance(SessionStore first) {
    try {
      return Optional.of(FileSessionStore.open(folder));
    } catch (UnavailableException lockedByFirst) {
      return Optional.empty();
    }
  }

  @Override
  protected Set<StoreCapability> capabilities() {
    return EnumSet.of(StoreCapability.REOPEN);
  }
}
