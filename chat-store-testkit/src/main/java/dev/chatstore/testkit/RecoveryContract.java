package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.ChatStoreException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * recoverAbandonedStreams: never touches a stream open in this store or a finished message; from a
 * second instance (where the stream is not open) it marks idle ones INTERRUPTED, keeping their content.
 */
public abstract class RecoveryContract extends ContractArea {

  protected RecoveryContract(SessionStoreContract contract) {
    super(contract);
  }

  @Test
  void nothingToRecoverInAStoreWithOnlyFinishedMessages() {
    ChatSession s = newSession();
    store().append(s.id(), NewMessage.user("done"));
    store().openStream(s.id(), Role.ASSISTANT).append("x").complete();
    store().openStream(s.id(), Role.ASSISTANT).close();

    assertThat(store().recoverAbandonedStreams(Duration.ZERO)).isZero();
    assertThat(allMessages(s.id())).extracting(Message::status)
        .containsExactly(MessageStatus.COMPLETE, MessageStatus.COMPLETE, MessageStatus.INTERRUPTED);
  }

  @Test
  void streamsOpenInThisStoreAreNeverRecoveredHoweverIdle() {
    ChatSession s = newSession();
    try (MessageStream pending = store().openStream(s.id(), Role.ASSISTANT);
        MessageStream streaming = store().openStream(s.id(), Role.ASSISTANT)) {
      streaming.append("partial");
      streaming.flush();
      tick();

      assertThat(store().recoverAbandonedStreams(Duration.ZERO)).isZero();

      assertThat(store().getMessage(s.id(), pending.messageId()).status()).isEqualTo(MessageStatus.PENDING);
      assertThat(store().getMessage(s.id(), streaming.messageId()).status()).isEqualTo(MessageStatus.STREAMING);
      assertThat(streaming.append(" and the rest").complete().content()).isEqualTo("partial and the rest");
      assertThat(pending.complete().status()).isEqualTo(MessageStatus.COMPLETE);
    }
  }

  @Test
  void aSecondInstanceRecoversStreamsIdleForLongerThanAsked() {
    SessionStore second = secondInstance();
    ChatSession s = newSession();
    MessageStream abandoned = store().openStream(s.id(), Role.ASSISTANT);
    abandoned.append("kept content");
    abandoned.flush();
    MessageStream pending = store().openStream(s.id(), Role.ASSISTANT);
    tick();

    assertThat(second.recoverAbandonedStreams(Duration.ofHours(1))).as("nothing idle for an hour").isZero();
    assertThat(store().getMessage(s.id(), abandoned.messageId()).status()).isEqualTo(MessageStatus.STREAMING);

    assertThat(second.recoverAbandonedStreams(Duration.ofMillis(1))).isEqualTo(2);

    for (SessionStore reader : new SessionStore[] {store(), second}) {
      Message m = reader.getMessage(s.id(), abandoned.messageId());
      assertThat(m.status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(m.content()).isEqualTo("kept content");
      assertThat(reader.getMessage(s.id(), pending.messageId()).status()).isEqualTo(MessageStatus.INTERRUPTED);
    }
    assertThat(second.recoverAbandonedStreams(Duration.ZERO)).isZero();
    endQuietly(abandoned);
    endQuietly(pending);
  }

  /** What a stream does after another instance recovered its message is not specified; only end it. */
  private static void endQuietly(MessageStream stream) {
    try {
      stream.close();
    } catch (ChatStoreException unspecified) {
      // either outcome is acceptable here
    }
  }
}
