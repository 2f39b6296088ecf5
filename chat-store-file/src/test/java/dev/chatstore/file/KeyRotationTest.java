package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.crypto.KeyRotation;
import dev.chatstore.crypto.RotationProgress;
import dev.chatstore.testkit.SecretChat;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FileSessionStore.keyRotation}: after k2 becomes current new lines carry k2 at once, batches
 * re-seal older files one at a time until nothing is left, after which a provider with k2 alone reads
 * everything; a run killed midway resumes; appends and a stream running meanwhile lose nothing; a
 * store that was plain is sealed whole.
 */
class KeyRotationTest {
  @TempDir
  Path folder;

  private static List<String> contents(FileSessionStore store, String id) {
    return store.messages(id, MessageQuery.earliest(1000)).items().stream().map(Message::content).toList();
  }

  private List<String> writeSessions(FileSessionStore store, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = store.createSession(NewSession.forOwner("owner").title("chat " + i).build()).id();
      store.append(id, NewMessage.user("hello " + i));
      store.append(id, NewMessage.assistant("hi " + i));
      ids.add(id);
    }
    return ids;
  }

  private String allFiles() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        all.writeBytes(Files.readAllBytes(p));
      }
    }
    return all.toString(StandardCharsets.ISO_8859_1);
  }

  private void assertAllReadWithK2Only(List<String> ids) {
    try (FileSessionStore store = TestKeys.builder(folder, "k2", "k2").open()) {
      for (int i = 0; i < ids.size(); i++) {
        assertThat(contents(store, ids.get(i))).containsExactly("hello " + i, "hi " + i);
        assertThat(store.getSession(ids.get(i)).title()).isEqualTo("chat " + i);
      }
      assertThat(store.listSessions(SessionQuery.of("owner")).items()).extracting(SessionSummary::title)
          .as("a listing opens the titles sealed with k2").contains("chat 0");
    }
  }

  @Test
  void batchesOfOneStepDownToNothingThenTheOldKeyIsNotNeeded() throws IOException {
    List<String> ids;
    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      ids = writeSessions(store, 4);
    }
    try (FileSessionStore store = TestKeys.builder(folder, "k2", "k1", "k2").open()) {
      String fresh = store.createSession(NewSession.forOwner("owner").title("new").build()).id();
      store.append(fresh, NewMessage.user("under k2"));
      assertThat(Files.readString(folder.resolve("sessions").resolve(fresh + ".jsonl")))
          .contains("cse1:k2:").doesNotContain("cse1:k1:");

      KeyRotation rotation = store.keyRotation(1);
      long before = rotation.progress().remaining();
      assertThat(before).as("four files and the index").isGreaterThanOrEqualTo(4);
      List<Long> remaining = new ArrayList<>();
      RotationProgress progress = rotation.progress();
      while (!progress.done()) {
        progress = rotation.rotateBatch();
        assertThat(progress.rewritten()).isPositive();
        assertThat(progress.currentKeyId()).isEqualTo("k2");
        remaining.add(progress.remaining());
      }
      assertThat(remaining).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates().endsWith(0L);
      assertThat(rotation.progress().remaining()).isZero();
      assertThat(contents(store, fresh)).containsExactly("under k2");
    }
    assertThat(allFiles()).doesNotContain("cse1:k1:");
    assertAllReadWithK2Only(ids);
  }

  @Test
  void aBatchSizeMustBePositiveAndAPlainStoreHasNoRotation() {
    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      assertThatThrownBy(() -> store.keyRotation(0)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("batchSize");
    }
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThatThrownBy(() -> store.keyRotation(10)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("encryption");
    }
  }

  @Test
  void aPlainStoreIsSealedWholeOnceEncryptionIsTurnedOnAndRotated() throws IOException {
    SecretChat chat;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      chat = SecretChat.writeInto(store, "owner");
    }
    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      KeyRotation rotation = store.keyRotation(10);
      assertThat(rotation.progress().remaining()).isPositive();
      RotationProgress last = rotation.rotateAll(p -> { });
      assertThat(last.done()).isTrue();
    }
    byte[] raw = allFiles().getBytes(StandardCharsets.ISO_8859_1);
    // .torn files hold what a crash cut short; SecretChat leaves none, so every file is scanned
    assertThat(chat.foundIn(raw)).isEmpty();
    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      SessionSummary summary = store.listSessions(SessionQuery.of("owner")).items().get(0);
      assertThat(chat.foundIn(summary.title())).hasSize(1);
      assertThat(chat.foundIn(String.join(" ", contents(store, summary.id())))).isNotEmpty();
    }
  }

  @Test
  void appendsAndAStreamDuringRotationLoseNothing() throws Exception {
    List<String> ids;
    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      ids = writeSessions(store, 6);
    }
    String busy = ids.get(0);
    List<String> expected = new ArrayList<>(List.of("hello 0", "hi 0"));
    StringBuilder streamed = new StringBuilder();
    try (FileSessionStore store = TestKeys.builder(folder, "k2", "k1", "k2").open()) {
      KeyRotation rotation = store.keyRotation(1);
      CountDownLatch start = new CountDownLatch(1);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread rotator = new Thread(() -> {
        try {
          start.await();
          for (int round = 0; round < 3; round++) { // new k1-free files from appends keep it honest
            rotation.rotateAll(p -> { });
          }
        } catch (Throwable t) {
          failure.set(t);
        }
      });
      rotator.start();
      MessageStream stream = store.openStream(busy, Role.ASSISTANT);
      start.countDown();
      for (int i = 0; i < 200; i++) {
        String chunk = "c" + i + " ";
        stream.append(chunk);
        streamed.append(chunk);
        if (i % 10 == 0) {
          stream.flush();
        }
        String other = ids.get(1 + i % 5);
        store.append(other, NewMessage.user("more " + i));
      }
      rotator.join();
      Message done = stream.complete();
      assertThat(failure.get()).isNull();
      assertThat(done.content()).isEqualTo(streamed.toString());
      assertThat(rotation.rotateAll(p -> { }).done()).isTrue();
    }
    expected.add(streamed.toString());
    try (FileSessionStore store = TestKeys.builder(folder, "k2", "k2").open()) {
      assertThat(contents(store, busy)).containsExactlyElementsOf(expected);
      for (int s = 1; s < 6; s++) {
        List<String> want = new ArrayList<>(List.of("hello " + s, "hi " + s));
        for (int i = 0; i < 200; i++) {
          if (1 + i % 5 == s) {
            want.add("more " + i);
          }
        }
        assertThat(contents(store, ids.get(s))).containsExactlyElementsOf(want);
      }
    }
    assertThat(allFiles()).doesNotContain("cse1:k1:");
  }

  @Test
  void aRotationKilledMidwayResumesAndFinishes() throws Exception {
    List<String> ids;
    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      ids = writeSessions(store, 40);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", classPath, RotationChild.class.getName(),
        folder.toString()).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      int batches = 0;
      // stop reading at the third report: the child then waits for input, so reading on would never end
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("remaining ") && ++batches == 3) {
          break;
        }
      }
      assertThat(batches).as("the child rotated before it was killed").isEqualTo(3);
      child.destroyForcibly();
    } finally {
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    try (FileSessionStore store = TestKeys.builder(folder, "k2", "k1", "k2").open()) {
      // batches of one: a file the index still counts but the kill left sealed anew must not end the job
      KeyRotation rotation = store.keyRotation(1);
      RotationProgress progress = rotation.progress();
      assertThat(progress.remaining()).as("the kill left work to resume").isPositive();
      while (!progress.done()) {
        progress = rotation.rotateBatch();
        assertThat(progress.rewritten()).as("every batch moves on").isPositive();
      }
    }
    assertThat(allFiles()).doesNotContain("cse1:k1:");
    assertAllReadWithK2Only(ids);
  }
}
