package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatstore.CorruptDataException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionStore;
import dev.chatstore.crypto.KeyRotation;
import dev.chatstore.crypto.MissingKeyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key rotation that meets a session file it cannot read stops the batch with that file's typed error
 * (as a JDBC rotation stops at a value), never says done while the file is there, and still seals every
 * other file anew: the failed one is tried after the others.
 */
class RotationFailuresTest {
  @TempDir
  Path folder;

  private static String chat(SessionStore store, String name) {
    String id = store.createSession(NewSession.forOwner("owner").title("chat " + name).build()).id();
    store.append(id, NewMessage.user("hello " + name));
    return id;
  }

  private Path file(String id) {
    return folder.resolve("sessions").resolve(id + ".jsonl");
  }

  @Test
  void aDamagedFileStopsEachBatchThatMeetsItWithCorruptDataNamingTheLine() throws IOException {
    List<String> good = new ArrayList<>();
    String damaged;
    try (SessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      good.add(chat(store, "a"));
      damaged = chat(store, "b");
      good.add(chat(store, "c"));
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(file(damaged), StandardCharsets.UTF_8));
    lines.set(2, "{\"event\":\"message.appended\",\"at\":\"2026-01-01T00:00:00Z\"}");
    Files.write(file(damaged), lines, StandardCharsets.UTF_8);

    try (FileSessionStore store = TestKeys.builder(folder, "k2", "k1", "k2").open()) {
      KeyRotation rotation = store.keyRotation(10);
      for (int i = 0; i < 3; i++) {
        CorruptDataException e = catchThrowableOfType(CorruptDataException.class, rotation::rotateBatch);
        assertThat(e).as("batch %d", i).isNotNull();
        assertThat(e.location()).contains(damaged + ".jsonl line 3");
      }
      assertThat(rotation.progress().remaining()).as("only the damaged file is left").isEqualTo(1);
    }
    try (FileSessionStore store = TestKeys.builder(folder, "k2", "k2").open()) {
      for (String id : good) {
        assertThat(store.messages(id, MessageQuery.earliest(5)).items()).extracting(Message::content).hasSize(1);
        assertThat(Files.readString(file(id))).doesNotContain("cse1:k1:");
      }
    }
  }

  @Test
  void aFileWhoseKeyIsGoneStopsTheBatchWithMissingKeyNamingIt() {
    String lost;
    String kept;
    try (SessionStore store = TestKeys.builder(folder, "k0", "k0").open()) {
      lost = chat(store, "lost");
    }
    try (SessionStore store = TestKeys.builder(folder, "k1", "k0", "k1").open()) {
      kept = chat(store, "kept");
      store.append(kept, NewMessage.user("more"));
    }
    try (FileSessionStore store = TestKeys.builder(folder, "k2", "k1", "k2").open()) {
      KeyRotation rotation = store.keyRotation(10);
      MissingKeyException first = catchThrowableOfType(MissingKeyException.class, rotation::rotateBatch);
      MissingKeyException second = catchThrowableOfType(MissingKeyException.class, rotation::rotateBatch);
      assertThat(first).isNotNull();
      assertThat(second).isNotNull();
      assertThat(second.keyId()).isEqualTo("k0");
      assertThat(second.location()).contains(lost);
      assertThat(rotation.progress().remaining()).as("the other file was sealed anew before").isEqualTo(1);
      assertThat(store.messages(kept, MessageQuery.earliest(5)).items()).hasSize(2);
    }
  }
}
