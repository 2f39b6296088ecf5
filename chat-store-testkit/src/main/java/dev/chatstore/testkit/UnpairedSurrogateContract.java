package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertInvalid;
import static dev.chatstore.testkit.ContractAssertions.assertInvalidStartingWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Half a surrogate pair is not a character and no UTF-8 store can hold it (it would come back as '?'),
 * so every backend refuses it the same way, while a pair split across two streamed chunks is stored
 * whole.
 */
public abstract class UnpairedSurrogateContract extends ContractArea {

  protected UnpairedSurrogateContract(SessionStoreContract contract) {
    super(contract);
  }

  @Test
  void unpairedSurrogatesAreRefusedAndNothingIsWritten() {
    ChatSession s = newSession();
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    assertInvalid(() -> store().append(s.id(), NewMessage.user("lone \uD83D high")), "content");
    assertInvalid(() -> store().append(s.id(), NewMessage.user("lone \uDE00 low")), "content");
    assertInvalid(() -> store().append(s.id(), NewMessage.user("ends high \uD83D")), "content");
    assertInvalidStartingWith(() -> store().appendAll(s.id(),
        List.of(NewMessage.user("fine"), NewMessage.user("\uDE00"))), "messages[1]");
    assertInvalid(() -> store().createSession(NewSession.forOwner(OWNER).title("t\uD800").build()), "title");
    assertInvalid(() -> store().updateSession(s.id(), s.version(), SessionUpdate.title("t\uDC00")), "title");

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }

  @Test
  void aPairSplitAcrossTwoChunksIsStoredWholeEvenWithAFlushBetween() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.append("rain \uD83C");
    stream.flush();
    Message midway = store().getMessage(s.id(), stream.messageId());
    stream.append("\uDF27 and sun");

    Message done = stream.complete();

    assertThat(midway.content()).isEqualTo("rain ");
    assertThat(done.content()).isEqualTo("rain 🌧 and sun");
    assertThat(store().getMessage(s.id(), done.id()).content()).isEqualTo("rain 🌧 and sun");
  }
}
