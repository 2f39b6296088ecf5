package dev.chatstore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatstore.ChatStoreException;
import dev.chatstore.CorruptDataException;
import dev.chatstore.SessionStore;
import dev.chatstore.UnavailableException;
import dev.chatstore.jdbc.JdbcSessionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that cannot be opened: corrupt data is exit 11 (do not retry), unavailable storage exit 10 (retry). */
class ChatCliStorageFailureTest {
  @TempDir
  Path dir;

  @Test
  void corruptDataIsExit11AndUnavailableStorageExit10() {
    Cli.Result corrupt = run(folder -> {
      throw new CorruptDataException(folder.resolve("chat-store.mv.db").toString(), "not an H2 database");
    });
    assertThat(corrupt.code()).isEqualTo(ExitCode.CORRUPT_DATA.code()).isEqualTo(11);
    assertThat(corrupt.err()).isEqualTo("chat: corrupt data at " + dir.resolve("chat-store.mv.db")
        + ": not an H2 database\n");

    Cli.Result unavailable = run(folder -> {
      throw new UnavailableException("Database may be already in use");
    });
    assertThat(unavailable.code()).isEqualTo(ExitCode.STORAGE_UNAVAILABLE.code()).isEqualTo(10);
    assertThat(unavailable.err()).isEqualTo("chat: storage unavailable: Database may be already in use\n");
  }

  @Test
  void aFileThatIsNotADatabaseIsCorruptDataNotARetry() throws IOException {
    Files.writeString(dir.resolve("chat-store.mv.db"), "these are my notes, not a database\n".repeat(100));
    assertThat(catchThrowableOfType(() -> JdbcSessionStore.h2(dir).close(), ChatStoreException.class))
        .as("opening a folder whose database file is not one").isInstanceOf(CorruptDataException.class);
    Cli.Result r = new Cli(dir).run("list");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.CORRUPT_DATA.code()).isEqualTo(11);
    assertThat(r.err()).startsWith("chat: ").hasLineCount(1);
    assertThat(r.out()).isEmpty();
  }

  private Cli.Result run(Function<Path, SessionStore> opener) {
    Cli.Result r = Cli.runOver(opener, "--dir", dir.toString(), "list");
    assertThat(r.out()).isEmpty();
    return r;
  }
}
