package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.NewMessage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A host process streaming into PostgreSQL is killed with SIGKILL: every flushed chunk is in the
 * database, in order and once. On a shared database a reopened store does not cut streams that may
 * belong to another live process; recovery with an idle time of zero (what a host that knows the
 * writer is dead calls) marks the message INTERRUPTED and the session goes on.
 */
class PostgresKillTest {
  private static final int FLUSHES_BEFORE_KILL = 20;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyFlushedChunkOfAStreamSurvivesSigkillOfTheHost() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    KillChildProcess child = KillChildProcess.start("stream", db.url());
    String sessionId = child.valueOf("session");
    String messageId = child.valueOf("message");
    int flushed = child.lengthAfterFlushes(FLUSHES_BEFORE_KILL);
    child.kill();

    String written = KillChild.textOfAtLeast(flushed + 10_000);
    try (JdbcSessionStore store = db.open()) {
      Message left = store.getMessage(sessionId, messageId);
      assertThat(left.status()).as("another process might still be streaming it").isEqualTo(MessageStatus.STREAMING);
      assertThat(left.content().length()).as("at least what was acknowledged").isGreaterThanOrEqualTo(flushed);
      assertThat(written).as("in order, nothing twice").startsWith(left.content());

      assertThat(store.recoverAbandonedStreams(Duration.ZERO)).isEqualTo(1);
      Message recovered = store.getMessage(sessionId, messageId);
      assertThat(recovered.status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(recovered.content()).isEqualTo(left.content());
      assertThat(store.append(sessionId, NewMessage.user("after")).seq()).isEqualTo(2);
    }
  }
}
