package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.UnavailableException;
import dev.chatstore.testkit.crash.ChildStore;
import dev.chatstore.testkit.crash.ChildTask;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One store per folder: a second one, in another process or this one, is refused until the first closes. */
class FolderLockTest {
  @TempDir
  Path folder;

  @Test
  void aSecondProcessIsRefusedWhileTheFirstHoldsTheFolder() throws Exception {
    try (ChildStore child = ChildStore.start(FileCrashTest.Factory.class, folder.toString(), ChildTask.HOLD)) {
      child.awaitOpen();

      UnavailableException e = catchThrowableOfType(UnavailableException.class, () -> FileSessionStore.open(folder));
      assertThat(e.getMessage()).contains(folder.toAbsolutePath().toString()).contains("another store or process")
          .contains("pid ");

      assertThat(child.release()).as("the child closed its store").isZero();
    }
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      store.createSession(NewSession.forOwner("owner").build());
    }
  }

  @Test
  void aKilledHolderReleasesTheFolder() throws Exception {
    try (ChildStore child = ChildStore.start(FileCrashTest.Factory.class, folder.toString(), ChildTask.HOLD)) {
      child.awaitOpen();
      child.kill();
    }
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(store.listSessions(dev.chatstore.SessionQuery.of("owner")).items()).isEmpty();
    }
  }

  @Test
  void aSecondStoreInThisProcessIsRefusedAndTheFirstKeepsItsLock() throws Exception {
    Path link = Files.createSymbolicLink(folder.resolveSibling(folder.getFileName() + "-link"), folder);
    try (FileSessionStore first = FileSessionStore.open(folder)) {
      String id = first.createSession(NewSession.forOwner("owner").build()).id();

      UnavailableException e = catchThrowableOfType(UnavailableException.class, () -> FileSessionStore.open(folder));
      assertThat(e.getMessage()).contains("already open in another store of this process");
      assertThat(catchThrowableOfType(UnavailableException.class, () -> FileSessionStore.open(folder.resolve("."))))
          .isNotNull();
      assertThat(catchThrowableOfType(UnavailableException.class, () -> FileSessionStore.open(link))).isNotNull();

      // on POSIX, closing any descriptor of the lock file would drop this process's lock: the refusals
      // above must not have opened it, so another process is still kept out
      try (ChildStore child = ChildStore.start(FileCrashTest.Factory.class, folder.toString(), ChildTask.HOLD)) {
        assertThat(child.awaitExit()).isNotZero();
      }
      assertThat(first.append(id, NewMessage.user("still mine")).seq()).isEqualTo(1);
    } finally {
      Files.delete(link);
    }
    try (FileSessionStore again = FileSessionStore.open(folder)) {
      assertThat(again.listSessions(dev.chatstore.SessionQuery.of("owner")).items()).hasSize(1);
    }
  }

  @Test
  void aClosedStoreRefusesCallsAndCloseIsIdempotent() {
    FileSessionStore store = FileSessionStore.open(folder);
    store.close();
    store.close();
    catchThrowableOfType(UnavailableException.class, () -> store.createSession(NewSession.forOwner("o").build()));
  }
}
