package dev.chatstore.file;

import dev.chatstore.SessionStore;
import dev.chatstore.UnavailableException;
import dev.chatstore.crypto.Encryption;
import dev.chatstore.testkit.SessionStoreContract;
import dev.chatstore.testkit.StoreCapability;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole contract suite over an encrypting file store: the same shape and capabilities as
 * {@link FileSessionStoreTest}, every value sealed with AES-256-GCM on its way to disk and opened on
 * its way back.
 */
class EncryptedFileSessionStoreTest extends SessionStoreContract {
  private static final Encryption ENCRYPTION = Encryption.aesGcm(TestKeys.provider("k1", "k1"));

  @TempDir
  Path folder;

  @Override
  protected SessionStore createStore() {
    return FileSessionStore.builder(folder).encryption(ENCRYPTION).open();
  }

  @Override
  protected Optional<SessionStore> openSecondInstance(SessionStore first) {
    try {
      return Optional.of(FileSessionStore.builder(folder).encryption(ENCRYPTION).open());
    } catch (UnavailableException lockedByFirst) {
      return Optional.empty();
    }
  }

  @Override
  protected Set<StoreCapability> capabilities() {
    return EnumSet.of(StoreCapability.REOPEN);
  }
}
