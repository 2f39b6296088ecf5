package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Page;
import dev.chatstore.SessionQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a store acknowledged survives its process being killed (SIGKILL: no close, no shutdown
 * hook): a child JVM writes and prints each acknowledged write, the test kills it mid-flight and
 * reopens the folder.
 */
class CrashSafetyTest {
  @TempDir
  Path folder;

  private String newSession(String title) {
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      return store.createSession(NewSession.forOwner("owner").title(title).build()).id();
    }
  }

  @Test
  void everyAcknowledgedAppendSurvivesAKill() throws Exception {
    String session = newSession("killed while appending");
    List<String> acknowledged;
    try (ChildJvm child = ChildJvm.start("append", folder.toString(), session)) {
      child.awaitLines(l -> l.startsWith("ACK ") && l.endsWith(" END"), 300);
      child.kill();
      acknowledged = child.lines().stream().filter(l -> l.startsWith("ACK ") && l.endsWith(" END")).toList();
    }

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      List<Message> all = all(store, session);
      Map<String, Message> byId = new HashMap<>();
      all.forEach(m -> byId.put(m.id(), m));
      for (String line : acknowledged) {
        String rest = line.substring("ACK ".length(), line.length() - " END".length());
        String id = rest.substring(0, rest.indexOf(' '));
        assertThat(byId).as("acknowledged message %s", id).containsKey(id);
        assertThat(byId.get(id).content()).isEqualTo(rest.substring(rest.indexOf(' ') + 1));
      }
      assertThat(all).extracting(Message::seq).containsExactlyElementsOf(oneTo(all.size()));
      assertThat(store.getSession(session).messageCount()).isEqualTo(all.size());
      assertThat(store.listSessions(SessionQuery.of("owner")).items().get(0).messageCount()).isEqualTo(all.size());
      Message next = store.append(session, NewMessage.user("after the crash"));
      assertThat(next.seq()).isEqualTo(all.size() + 1L);
    }
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(all(store, session)).last().extracting(Message::content).isEqualTo("after the crash");
    }
  }

  @Test
  void flushedStreamContentSurvivesAKillAndTheReplyIsInterruptedOnReopen() throws Exception {
    String session = newSession("killed while streaming");
    String messageId;
    String acknowledged;
    try (ChildJvm child = ChildJvm.start("stream", folder.toString(), session)) {
      messageId = child.awaitLine(l -> l.startsWith("STREAM ")).substring("STREAM ".length());
      child.awaitLines(l -> l.startsWith("FLUSHED ") && l.endsWith("END"), 50);
      child.kill();
      List<String> flushed = child.lines().stream()
          .filter(l -> l.startsWith("FLUSHED ") && l.endsWith("END")).toList();
      String last = flushed.get(flushed.size() - 1);
      acknowledged = last.substring("FLUSHED ".length(), last.length() - "END".length());
    }
    assertThat(Files.exists(folder.resolve("index.stale"))).as("a killed store leaves its marker").isTrue();

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      Message m = store.getMessage(session, messageId);
      assertThat(m.status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(m.content()).startsWith(acknowledged);
      assertThat(store.recoverAbandonedStreams(java.time.Duration.ZERO)).isZero();
      assertThat(store.listSessions(SessionQuery.of("owner")).items().get(0).preview())
          .isEqualTo(dev.chatstore.spi.Previews.of(m.content()));
    }
  }

  private static List<Message> all(FileSessionStore store, String session) {
    List<Message> all = new ArrayList<>();
    Page<Message> page = store.messages(session, MessageQuery.earliest(MessageQuery.MAX_LIMIT));
    all.addAll(page.items());
    while (page.nextCursor().isPresent()) {
      page = store.messages(session, MessageQuery.from(page.nextCursor().get(), MessageQuery.MAX_LIMIT));
      all.addAll(page.items());
    }
    return all;
  }

  private static List<Long> oneTo(long n) {
    List<Long> all = new ArrayList<>();
    for (long i = 1; i <= n; i++) {
      all.add(i);
    }
    return all;
  }
}
