package dev.chatstore.jdbc;

import dev.chatstore.SessionStore;
import dev.chatstore.testkit.crash.CrashContract;
import dev.chatstore.testkit.crash.StoreFactory;
import java.nio.file.Path;

/**
 * What the embedded default acknowledged survives SIGKILL: the testkit's crash suite on
 * {@code JdbcSessionStore.h2(folder)}. Reopening recovers the killed stream at once: no other process
 * can have the file open.
 */
class H2CrashTest extends CrashContract {
  /** Opens {@code JdbcSessionStore.h2(folder)}, in the killed child and in the test. */
  public static final class Factory implements StoreFactory {
    @Override
    public SessionStore open(String location) {
      return JdbcSessionStore.h2(Path.of(location));
    }
  }

  @Override
  protected Class<? extends StoreFactory> storeFactory() {
    return Factory.class;
  }
}
