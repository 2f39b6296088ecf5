package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    KillChildProcess child = KillChildProcess.start("append", folder);
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
    KillChildProcess child = KillChildProcess.start("stream", folder);
    String sessionId = child.valueOf("session");
    String messageId = child.valueOf("message");
    int flushed = child.lengthAfterFlushes(ACKS_BEFORE_KILL / 3);
    child.kill();

    String written = KillChild.textOfAtLeast(flushed + 10_000);
    try (JdbcSessionStore store = JdbcSessionStore.h2(folder)) {
      // reopening marked the abandoned stream INTERRUPTED (H2: no other process can be streaming)
      Message m = store.getMessage(sessionId, messageId);
      assertThat(m.status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(m.content().length()).as("at least what was acknowledged").isGreaterThanOrEqualTo(flushed);
      assertThat(written).as("in order, nothing twice").startsWith(m.content());
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
}
