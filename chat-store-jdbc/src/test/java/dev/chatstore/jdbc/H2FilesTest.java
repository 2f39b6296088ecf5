package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatSession;
import dev.chatstore.CorruptDataException;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.jdbc.internal.H2Urls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of the embedded default: readable by their owner only, whatever the umask; one file in
 * the folder, also after an open that failed; a file that is not an H2 database is corrupt data.
 */
class H2FilesTest {
  private static final String OWNER_FILE = "rw-------";
  private static final String OWNER_FOLDER = "rwx------";

  @TempDir
  Path temp;

  @Test
  void theFolderAndTheDatabaseFileAreOwnerOnly() throws IOException {
    Path folder = temp.resolve("new/chats");
    try (JdbcSessionStore store = JdbcSessionStore.h2(folder)) {
      ChatSession s = store.createSession(NewSession.forOwner("o").build());
      store.append(s.id(), NewMessage.user("private"));
      assertThat(mode(folder)).isEqualTo(OWNER_FOLDER);
      assertThat(mode(folder.resolve("chat-store.mv.db"))).isEqualTo(OWNER_FILE);
    }
    // closing compacts the file: it stays owner-only
    assertThat(files(folder)).containsExactly("chat-store.mv.db");
    assertThat(mode(folder.resolve("chat-store.mv.db"))).isEqualTo(OWNER_FILE);
  }

  @Test
  void aDatabaseByUrlIsOwnerOnlyTooAndAnExistingFolderIsLeftAsItIs() throws IOException {
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path missing = temp.resolve("by-url");
    try (JdbcSessionStore store = JdbcSessionStore.builder().url(H2Urls.file(missing)).open()) {
      store.createSession(NewSession.forOwner("o").build());
      assertThat(mode(missing)).isEqualTo(OWNER_FOLDER);
      assertThat(mode(missing.resolve("chat-store.mv.db"))).isEqualTo(OWNER_FILE);
    }
    try (JdbcSessionStore store = JdbcSessionStore.h2(temp)) {
      assertThat(mode(temp)).as("the host's own folder").isEqualTo("rwxr-xr-x");
      assertThat(mode(temp.resolve("chat-store.mv.db"))).isEqualTo(OWNER_FILE);
    }
  }

  @Test
  void aTextFileInPlaceOfTheDatabaseIsCorruptDataAndNothingIsAddedBesideIt() throws IOException {
    for (String text : List.of("not a database\n", "not a database, longer than a header\n".repeat(500))) {
      Path folder = Files.createTempDirectory(temp, "text");
      Path file = Files.writeString(folder.resolve("chat-store.mv.db"), text, StandardCharsets.UTF_8);

      assertThatThrownBy(() -> JdbcSessionStore.h2(folder))
          .isInstanceOfSatisfying(CorruptDataException.class,
              e -> assertThat(e.location()).isEqualTo("the H2 database file"));

      assertThat(files(folder)).containsExactly("chat-store.mv.db");
      assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(text);
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static List<String> files(Path folder) throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
