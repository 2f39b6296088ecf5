package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.crypto.Encryption;
import dev.chatstore.crypto.KeyProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rotation killed in the middle of its job (SIGKILL of the JVM running it) resumes in another
 * process where it stopped: what it rewrote stays rewritten, and finishing it leaves every value
 * readable with the new key alone.
 */
class EncryptedRotationKillTest {
  @TempDir
  Path folder;

  @Test
  void aKilledRotationResumesAndFinishes() throws Exception {
    String id;
    try (JdbcSessionStore store = JdbcSessionStore.h2Builder(folder).encryption(TestKeys.encryption("k1")).open()) {
      ChatSession s = store.createSession(NewSession.forOwner("o").title("t").build());
      for (int i = 0; i < 20; i++) {
        store.append(s.id(), NewMessage.user("m" + i));
      }
      id = s.id();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child = new ProcessBuilder(java, "-cp", classPath, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        RotationChild.class.getName(), folder.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    long start;
    long left;
    try {
      BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      PrintStream commands = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8);
      start = Long.parseLong(in.readLine().split(" ")[1]);
      left = start;
      for (int i = 0; i < 5; i++) {
        commands.println("batch");
        left = Long.parseLong(in.readLine().split(" ")[1]);
      }
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    assertThat(left).isEqualTo(start - 5).isPositive();
    try (JdbcSessionStore store = JdbcSessionStore.h2Builder(folder).encryption(TestKeys.encryption("k2", "k1"))
        .open()) {
      assertThat(store.keyRotation(3).progress().remaining()).isEqualTo(left);
      assertThat(store.keyRotation(3).rotateAll(p -> { }).done()).isTrue();
    }
    Encryption onlyK2 = Encryption.aesGcm(KeyProvider.of("k2", Map.of("k2", TestKeys.key("k2"))));
    try (JdbcSessionStore store = JdbcSessionStore.h2Builder(folder).encryption(onlyK2).open()) {
      List<Message> all = store.messages(id, MessageQuery.earliest(100)).items();
      assertThat(all).extracting(Message::content).hasSize(20).startsWith("m0").endsWith("m19");
      assertThat(store.findSession(id).orElseThrow().title()).isEqualTo("t");
    }
  }
}
