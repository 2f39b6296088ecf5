package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything the store creates is readable by its owner only, where the file system has POSIX permissions. */
class PermissionsTest {
  @TempDir
  Path parent;

  @Test
  void foldersAndFilesAreCreatedOwnerOnly() throws IOException {
    assumeTrue(parent.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
    Path folder = parent.resolve("chats").resolve("nested");
    String id;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      id = store.createSession(NewSession.forOwner("owner").build()).id();
      store.append(id, NewMessage.user("secret"));
      store.fork(id, store.recentMessages(id, 1).get(0).id(), "copy");
    }
    Files.write(folder.resolve("sessions").resolve(id + ".jsonl"), "torn".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      store.append(id, NewMessage.user("sets the torn tail aside"));
    }

    assertThat(permissions(parent.resolve("chats"))).isEqualTo("rwx------");
    assertThat(permissions(folder)).isEqualTo("rwx------");
    assertThat(permissions(folder.resolve("sessions"))).isEqualTo("rwx------");
    try (Stream<Path> files = Stream.concat(Files.list(folder), Files.list(folder.resolve("sessions")))) {
      files.filter(Files::isRegularFile).forEach(f -> assertThat(permissions(f)).as("%s", f).isEqualTo("rw-------"));
    }
    assertThat(folder.resolve("sessions").resolve(id + ".jsonl.torn")).exists();
    assertThat(folder.resolve(".lock")).exists();
    assertThat(folder.resolve("index.jsonl")).exists();
  }

  private static String permissions(Path path) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
