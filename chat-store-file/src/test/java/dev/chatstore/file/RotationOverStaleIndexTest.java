package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.crypto.KeyRotation;
import dev.chatstore.crypto.RotationProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key rotation resumed over what a kill leaves: session files sealed anew that the index still lists
 * under the old key (a rewrite keeps a file's size, so reopening trusts the entry). Batches of one must
 * still reach done, each rewriting a file, and a provider without the old key then reads everything.
 */
class RotationOverStaleIndexTest {
  @TempDir
  Path folder;
  @TempDir
  Path killed;

  @Test
  void batchesOfOneFinishOverAnIndexBehindItsFiles() throws IOException {
    List<String> ids = new ArrayList<>();
    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      for (int i = 0; i < 6; i++) {
        String id = store.createSession(NewSession.forOwner("owner").title("chat " + i).build()).id();
        store.append(id, NewMessage.user("hello " + i));
        ids.add(id);
      }
    }
    try (FileSessionStore store = TestKeys.builder(folder, "k2", "k1", "k2").open()) {
      KeyRotation rotation = store.keyRotation(1);
      rotation.rotateBatch();
      copy(folder, killed); // the index of the first batch, index.stale beside it: a kill's leftovers
      rotation.rotateBatch();
      rotation.rotateBatch();
      copy(folder.resolve("sessions"), killed.resolve("sessions")); // two more files sealed anew
    }

    try (FileSessionStore store = TestKeys.builder(killed, "k2", "k1", "k2").open()) {
      KeyRotation rotation = store.keyRotation(1);
      RotationProgress progress = rotation.progress();
      assertThat(progress.remaining()).as("three files are left, which a stale index may overcount")
          .isGreaterThanOrEqualTo(3);
      int batches = 0;
      while (!progress.done()) {
        progress = rotation.rotateBatch();
        assertThat(progress.rewritten()).as("a file found current takes no place of a batch").isEqualTo(1);
        batches++;
      }
      assertThat(batches).isEqualTo(3);
    }
    try (FileSessionStore store = TestKeys.builder(killed, "k2", "k2").open()) {
      assertThat(store.keyRotation(1).progress().done()).isTrue();
      for (int i = 0; i < ids.size(); i++) {
        assertThat(store.getSession(ids.get(i)).title()).isEqualTo("chat " + i);
        assertThat(store.messages(ids.get(i), MessageQuery.earliest(5)).items()).extracting(Message::content)
            .containsExactly("hello " + i);
      }
    }
    try (Stream<Path> files = Files.walk(killed)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1)).as(p.toString())
            .doesNotContain("cse1:k1:");
      }
    }
  }

  /** Copies the files of {@code from} (not the lock: the store holding it is still open) into {@code to}. */
  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals(".lock")) {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
