package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionStore;
import dev.chatstore.UnavailableException;
import dev.chatstore.crypto.KeyRotation;
import dev.chatstore.crypto.RotationProgress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once a rotation says done, no file in the folder holds a value in clear or under the old key: torn
 * tails (in the file or set aside in {@code .torn}) go with the rewrite, and what a crash left of an
 * index being written is deleted on open. A newer version's sealed line, which this version can only
 * copy, keeps the rotation from saying done and is named.
 */
class RotationLeavesNothingOldTest {
  @TempDir
  Path folder;

  private Path file(String id) {
    return folder.resolve("sessions").resolve(id + ".jsonl");
  }

  private String everyFile() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        all.append(p.getFileName()).append(": ").append(Files.readString(p, StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }

  private static RotationProgress rotateAll(FileSessionStore store) {
    return store.keyRotation(10).rotateAll(p -> { });
  }

  @Test
  void tornTailsInClearGoWithTheRewrite() throws IOException {
    String id;
    try (SessionStore store = FileSessionStore.open(folder)) {
      id = store.createSession(NewSession.forOwner("owner").build()).id();
      store.append(id, NewMessage.user("one"));
    }
    Files.writeString(file(id), "{\"event\":\"message.appended\",\"content\":\"SET ASIDE", StandardOpenOption.APPEND);
    try (SessionStore store = FileSessionStore.open(folder)) {
      store.append(id, NewMessage.user("two")); // moves the torn tail to <id>.jsonl.torn
    }
    assertThat(folder.resolve("sessions").resolve(id + ".jsonl.torn")).exists();
    Files.writeString(file(id), "{\"event\":\"message.appended\",\"content\":\"STILL IN", StandardOpenOption.APPEND);

    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      assertThat(rotateAll(store).done()).isTrue();
      assertThat(store.messages(id, MessageQuery.earliest(5)).items()).extracting(Message::content)
          .containsExactly("one", "two");
    }
    assertThat(folder.resolve("sessions").resolve(id + ".jsonl.torn")).doesNotExist();
    assertThat(everyFile()).doesNotContain("SET ASIDE", "STILL IN", "\"content\"");
  }

  @Test
  void whatACrashLeftOfAnIndexBeingWrittenIsDeletedOnOpen() throws IOException {
    String sealedUnderK1;
    try (SessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      store.createSession(NewSession.forOwner("owner").title("secret").build());
      sealedUnderK1 = Files.readString(folder.resolve("index.jsonl"));
    }
    Path temp = folder.resolve(".index.jsonl.tmp-0b9e2f7c-cut-short");
    Files.writeString(temp, sealedUnderK1);
    try (FileSessionStore store = TestKeys.builder(folder, "k2", "k1", "k2").open()) {
      assertThat(temp).doesNotExist();
      assertThat(rotateAll(store).done()).isTrue();
    }
    assertThat(everyFile()).doesNotContain("cse1:k1:");
  }

  @Test
  void aNewerVersionsLineSealedWithTheOldKeyKeepsTheRotationFromSayingDone() throws IOException {
    String id;
    try (SessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      id = store.createSession(NewSession.forOwner("owner").build()).id();
      store.append(id, NewMessage.user("one"));
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(file(id), StandardCharsets.UTF_8));
    String sealed = lines.get(2).replaceAll(".*\"sealed\":\"([^\"]+)\".*", "$1");
    String pinned = "{\"event\":\"message.pinned\",\"at\":\"2031-01-01T00:00:00Z\",\"sealed\":\"" + sealed + "\"}";
    lines.add(pinned);
    Files.write(file(id), lines, StandardCharsets.UTF_8);
    Files.delete(folder.resolve("index.jsonl"));

    try (FileSessionStore store = TestKeys.builder(folder, "k2", "k1", "k2").open()) {
      KeyRotation rotation = store.keyRotation(10);
      assertThat(rotation.rotateBatch().rewritten()).as("the lines it knows are sealed anew").isPositive();
      UnavailableException e = catchThrowableOfType(UnavailableException.class, rotation::rotateBatch);
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).contains(id, "k1", "newer version");
      assertThat(rotation.progress().remaining()).isEqualTo(1);
      assertThat(store.messages(id, MessageQuery.earliest(5)).items()).extracting(Message::content)
          .containsExactly("one");
    }
    assertThat(Files.readAllLines(file(id), StandardCharsets.UTF_8)).as("copied as it was").contains(pinned)
        .filteredOn(l -> !l.equals(pinned)).noneMatch(l -> l.contains("cse1:k1:"));
    try (FileSessionStore store = TestKeys.builder(folder, "k2", "k1", "k2").open()) {
      assertThat(store.keyRotation(10).progress().done()).as("the index keeps the kept key").isFalse();
    }
  }
}
