package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.SessionStore;
import dev.chatstore.testkit.crash.ChildStore;
import dev.chatstore.testkit.crash.ChildTask;
import dev.chatstore.testkit.crash.CrashContract;
import dev.chatstore.testkit.crash.StoreFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What a file store acknowledged survives its process being killed: the testkit's crash suite on
 * {@code FileSessionStore.open(folder)}, and the marker a killed store leaves for the next one.
 */
class FileCrashTest extends CrashContract {
  /** Opens {@code FileSessionStore.open(folder)}, in the killed child and in the test. */
  public static final class Factory implements StoreFactory {
    @Override
    public SessionStore open(String location) {
      return FileSessionStore.open(Path.of(location));
    }
  }

  @Override
  protected Class<? extends StoreFactory> storeFactory() {
    return Factory.class;
  }

  @Test
  void aKilledStoreLeavesItsStaleMarkerAndTheNextOneRemovesItOnClose() {
    try (ChildStore child = ChildStore.start(Factory.class, folder().toString(), ChildTask.STREAM)) {
      child.awaitFlushes(5);
      child.kill();
    }
    assertThat(folder().resolve("index.stale")).as("a killed store leaves its marker").exists();

    try (SessionStore store = reopen(folder().toString())) {
      assertThat(folder().resolve("index.stale")).as("the open store's own marker").exists();
    }
    assertThat(folder().resolve("index.stale")).as("a closed store removes its marker").doesNotExist();
  }
}
