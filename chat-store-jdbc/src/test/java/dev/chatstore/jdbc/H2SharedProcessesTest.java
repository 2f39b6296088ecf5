package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.NewMessage;
import dev.chatstore.UnavailableException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one embedded H2 database: refused, with a message that says why and what to do,
 * unless both open it with {@code shareWithOtherProcesses()}; then each reads and writes what the
 * other wrote, and opening the second store leaves the first one's open stream alone.
 */
class H2SharedProcessesTest {
  @TempDir
  Path folder;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aDatabaseAnotherProcessHoldsIsUnavailableSayingHowToShareIt() throws Exception {
    try (Other other = Other.start("exclusive", folder)) {
      assertThatThrownBy(() -> JdbcSessionStore.h2(folder))
          .isInstanceOf(UnavailableException.class)
          .hasMessageContaining("open in another process")
          .hasMessageContaining("shareWithOtherProcesses()");
      assertThat(files()).as("no trace file left by the failed open").containsExactly("chat-store.mv.db");
      other.ask("close", "closed");
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void processesThatShareTheDatabaseSeeEachOthersWritesAndKeepTheirStreams() throws Exception {
    try (Other other = Other.start("shared", folder)) {
      String sessionId = other.ask("write", "session ");
      String messageId = other.next("message ");

      try (JdbcSessionStore store = JdbcSessionStore.h2Builder(folder).shareWithOtherProcesses().open()) {
        // opening ran recovery: the other process's stream, written just now, is alive and stays so
        Message streaming = store.getMessage(sessionId, messageId);
        assertThat(streaming.status()).isEqualTo(MessageStatus.STREAMING);
        assertThat(streaming.content()).isEqualTo("streaming ");
        assertThat(store.recentMessages(sessionId, 2).get(0).content()).isEqualTo("written by the other process");

        store.append(sessionId, NewMessage.user("written by this process"));
        assertThat(other.ask("count " + sessionId, "count ")).isEqualTo("3");

        other.ask("complete", "completed");
        Message done = store.getMessage(sessionId, messageId);
        assertThat(done.status()).isEqualTo(MessageStatus.COMPLETE);
        assertThat(done.content()).isEqualTo("streaming done");
        assertThat(Files.getPosixFilePermissions(folder.resolve("chat-store.lock.db")))
            .as("the lock file holds the key to the database's server")
            .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      }
      other.ask("close", "closed");
    }
    try (JdbcSessionStore alone = JdbcSessionStore.h2(folder)) {
      assertThat(alone.listSessions(dev.chatstore.SessionQuery.of("o")).items()).hasSize(1);
    }
  }

  @Test
  void sharingAppliesToEmbeddedH2FilesOnly() {
    assertThatThrownBy(() -> JdbcSessionStore.builder().url("jdbc:h2:mem:shared-test")
        .shareWithOtherProcesses().open())
        .isInstanceOfSatisfying(dev.chatstore.InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("shareWithOtherProcesses"));
  }

  private java.util.List<String> files() throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** An {@link H2OtherProcess} JVM on the test's class path. */
  private static final class Other implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;

    private Other(Process process) {
      this.process = process;
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    static Other start(String mode, Path folder) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", H2OtherProcess.class.getName(), mode, folder.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      Other other = new Other(p);
      other.next("open");
      return other;
    }

    /** Sends {@code command} and returns the rest of the first answer line starting with {@code answer}. */
    String ask(String command, String answer) throws IOException {
      in.println(command);
      return next(answer);
    }

    String next(String prefix) throws IOException {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(prefix)) {
          return line.substring(prefix.length());
        }
      }
      throw new AssertionError("the other process exited before answering " + prefix);
    }

    @Override
    public void close() throws InterruptedException {
      in.close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
