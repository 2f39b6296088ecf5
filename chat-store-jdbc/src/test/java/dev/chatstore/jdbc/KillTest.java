package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the embedded default acknowledged survives SIGKILL: a child JVM writes to
 * {@code JdbcSessionStore.h2(folder)} and prints each acknowledged write; this test kills it with
 * SIGKILL ({@code destroyForcibly}) in the middle of its writes, reopens the folder and checks.
 */
class KillTest {
  /** Acknowledged writes to see before the kill: enough to land mid-stream of commits. */
  private static final int ACKS_BEFORE_KILL = 60;

  @TempDir
  Path folder;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyAcknowledgedAppendSurvivesSigkill() throws Exception {
    Child child = Child.start("append", folder);
    String sessionId = child.valueOf("session");
    List<String> acked = new ArrayList<>();
    child.readUntil(line -> {
      if (line.startsWith("ack ")) {
        acked.add(line.substring(4));
      }
      return acked.size() >= ACKS_BEFORE_KILL;
    });
    child.kill();

    try (JdbcSessionStore store = JdbcSessionStore.h2(folder)) {
      List<Message> all = all(store, sessionId);
      assertThat(all).extracting(Message::id).containsAll(acked);
      for (int i = 0; i < all.size(); i++) {
        assertThat(all.get(i).seq()).as("gap-free seqs").isEqualTo(i + 1L);
        assertThat(all.get(i).content()).isEqualTo("message " + i);
      }
      assertThat(store.getSession(sessionId).messageCount()).isEqualTo(all.size());
      assertThat(store.append(sessionId, NewMessage.user("after")).seq()).isEqualTo(all.size() + 1L);
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyFlushedChunkOfAStreamSurvivesSigkill() throws Exception {
    Child child = Child.start("stream", folder);
    String sessionId = child.valueOf("session");
    String messageId = child.valueOf("message");
    int[] flushed = new int[1];
    int[] flushes = new int[1];
    child.readUntil(line -> {
      if (line.startsWith("flushed ")) {
        flushed[0] = Integer.parseInt(line.substring(8));
        flushes[0]++;
      }
      return flushes[0] >= ACKS_BEFORE_KILL / 3;
    });
    child.kill();

    StringBuilder written = new StringBuilder();
    for (int i = 0; written.length() < flushed[0] + 10_000; i++) {
      written.append(KillChild.chunk(i));
    }
    try (JdbcSessionStore store = JdbcSessionStore.h2(folder)) {
      // reopening marked the abandoned stream INTERRUPTED (H2: no other process can be streaming)
      Message m = store.getMessage(sessionId, messageId);
      assertThat(m.status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(m.content().length()).as("at least what was acknowledged").isGreaterThanOrEqualTo(flushed[0]);
      assertThat(written.toString()).as("in order, nothing twice").startsWith(m.content());
      assertThat(store.getSession(sessionId).messageCount()).isEqualTo(1);
      assertThat(store.append(sessionId, NewMessage.user("after")).seq()).isEqualTo(2);
      assertThat(store.recentMessages(sessionId, 1).get(0).content()).isEqualTo("after");
    }
  }

  private static List<Message> all(JdbcSessionStore store, String sessionId) {
    List<Message> all = new ArrayList<>();
    Page<Message> page = store.messages(sessionId, MessageQuery.earliest(MessageQuery.MAX_LIMIT));
    all.addAll(page.items());
    while (page.nextCursor().isPresent()) {
      page = store.messages(sessionId, MessageQuery.from(page.nextCursor().get(), MessageQuery.MAX_LIMIT));
      all.addAll(page.items());
    }
    return all;
  }

  /** The child JVM, on this test's class path. */
  private static final class Child {
    private final Process process;
    private final BufferedReader out;

    private Child(Process process) {
      this.process = process;
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static Child start(String mode, Path folder) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", KillChild.class.getName(), mode, folder.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      return new Child(p);
    }

    /** Reads lines until one starts with {@code key}, returning the rest of it. */
    String valueOf(String key) throws IOException {
      String[] found = new String[1];
      readUntil(line -> {
        if (line.startsWith(key + " ")) {
          found[0] = line.substring(key.length() + 1);
          return true;
        }
        return false;
      });
      return found[0];
    }

    void readUntil(Predicate<String> done) throws IOException {
      String line;
      while ((line = out.readLine()) != null) {
        if (done.test(line)) {
          return;
        }
      }
      throw new AssertionError("the child exited (code " + exitCode() + ") before writing enough");
    }

    /** SIGKILL on Linux: no shutdown hook, no H2 close, no flush of anything. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the child died").isTrue();
    }

    private String exitCode() {
      try {
        return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "unknown";
      }
    }
  }
}
