package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertConflict;
import static dev.chatstore.testkit.ContractAssertions.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StaleVersionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Two stores over the same data (SECOND_INSTANCE) and a store reopened after close (REOPEN): what one
 * writes the other reads, streams included, and versions and seqs hold across them.
 */
public abstract class SecondInstanceContract extends ContractArea {

  protected SecondInstanceContract(SessionStoreContract contract) {
    super(contract);
  }

  @Test
  void eachInstanceReadsWhatTheOtherWrote() {
    SessionStore second = secondInstance();
    ChatSession s = store().createSession(NewSession.forOwner(OWNER).title("shared")
        .metadata(Fixtures.fullChatMetadata()).build());
    Message first = store().append(s.id(), NewMessage.user("from the first"));

    assertThat(second.getSession(s.id())).isEqualTo(store().getSession(s.id()));
    Message reply = second.append(s.id(), NewMessage.assistant("from the second"));

    assertThat(reply.seq()).isEqualTo(2);
    assertThat(allMessages(store(), s.id())).containsExactly(first, reply);
    assertThat(allMessages(second, s.id())).containsExactly(first, reply);
    assertThat(second.listSessions(SessionQuery.of(OWNER)).items()).isEqualTo(
        store().listSessions(SessionQuery.of(OWNER)).items());
  }

  @Test
  void aSecondReaderSeesFlushedContentAsStreamingWhileTheStreamIsOpen() {
    SessionStore second = secondInstance();
    ChatSession s = newSession();
    try (MessageStream stream = store().openStream(s.id(), Role.ASSISTANT)) {
      assertThat(second.getMessage(s.id(), stream.messageId()).status()).isEqualTo(MessageStatus.PENDING);
      stream.append("Once upon");
      stream.flush();

      Message seen = second.messages(s.id(), MessageQuery.latest(5)).items().get(0);
      assertThat(seen.id()).isEqualTo(stream.messageId());
      assertThat(seen.status()).isEqualTo(MessageStatus.STREAMING);
      assertThat(seen.content()).isEqualTo("Once upon");

      stream.append(" a time");
      stream.flush();
      assertThat(second.getMessage(s.id(), stream.messageId()).content()).isEqualTo("Once upon a time");
      Message done = stream.complete();
      assertThat(second.getMessage(s.id(), stream.messageId())).isEqualTo(done);
    }
  }

  @Test
  void aStreamEndedThroughTheOtherInstanceKeepsItsFlushedTextAndTakesNoMore() {
    SessionStore second = secondInstance();
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.append("said before ").flush();
    stream.append("it stopped").flush();

    // what a host does with a reply whose process it believes dead: end it from elsewhere
    Message ended = second.updateMessage(s.id(), stream.messageId(),
        MessageUpdate.status(MessageStatus.ERROR).withMetadata(Fixtures.fullMessageMetadata()));

    assertThat(ended.content()).isEqualTo("said before it stopped");
    assertThat(ended.status()).isEqualTo(MessageStatus.ERROR);
    assertThat(ended.metadata()).isEqualTo(Fixtures.fullMessageMetadata());
    assertThat(store().getMessage(s.id(), stream.messageId())).isEqualTo(ended);
    assertThat(second.getMessage(s.id(), stream.messageId())).isEqualTo(ended);
    assertConflict(() -> stream.append("more").flush(), ConflictException.Reason.STREAM_CLOSED);
    assertThat(store().getMessage(s.id(), stream.messageId())).isEqualTo(ended);
  }

  @Test
  void aStaleVersionIsDetectedAcrossInstances() {
    SessionStore second = secondInstance();
    ChatSession s = newSession();
    ChatSession seenBySecond = second.getSession(s.id());

    ChatSession v2 = store().updateSession(s.id(), 1, SessionUpdate.title("first wins"));

    thrown(() -> second.updateSession(s.id(), seenBySecond.version(), SessionUpdate.title("lost")),
        StaleVersionException.class);
    assertThat(second.getSession(s.id())).isEqualTo(v2);
  }

  @Test
  void seqsStayGapFreeWithTwoInstancesAppendingAtOnce() {
    SessionStore second = secondInstance();
    ChatSession s = newSession();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      SessionStore target = t % 2 == 0 ? store() : second;
      tasks.add(() -> {
        for (int i = 0; i < 250; i++) {
          target.append(s.id(), NewMessage.user("x" + i));
        }
        return null;
      });
    }

    Concurrently.run(tasks);

    assertThat(seqs(allMessages(s.id()))).isEqualTo(oneTo(1000));
    assertThat(second.getSession(s.id()).messageCount()).isEqualTo(1000);
  }

  @Test
  void closingAStoreEndsItsOpenStreamsAsInterrupted() {
    SessionStore second = secondInstance();
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.append("cut short");
    stream.flush();

    store().close();

    Message m = second.getMessage(s.id(), stream.messageId());
    assertThat(m.status()).isEqualTo(MessageStatus.INTERRUPTED);
    assertThat(m.content()).isEqualTo("cut short");
  }

  @Test
  void everythingSurvivesAReopen() {
    requires(StoreCapability.REOPEN);
    ChatSession s = store().createSession(NewSession.forOwner(OWNER).project("p").title("durable")
        .metadata(Fixtures.fullChatMetadata()).state("{\"k\":[1,2]}").build());
    store().appendAll(s.id(), List.of(NewMessage.user("q"),
        Fixtures.assistantCalling(Fixtures.call("c1", "t")), Fixtures.toolAnswer("c1", "t")));
    MessageStream open = store().openStream(s.id(), Role.ASSISTANT);
    open.append("in flight");
    open.flush();
    ChatSession before = store().getSession(s.id());
    List<Message> messagesBefore = allMessages(s.id());
    String openId = open.messageId();

    SessionStore reopened = reopen();

    ChatSession read = reopened.getSession(s.id());
    assertThat(read).usingRecursiveComparison().ignoringFields("updatedAt").isEqualTo(before);
    assertThat(read.updatedAt()).isAfterOrEqualTo(before.updatedAt());
    List<Message> after = allMessages(reopened, s.id());
    assertThat(after.subList(0, 3)).isEqualTo(messagesBefore.subList(0, 3));
    Message interrupted = reopened.getMessage(s.id(), openId);
    assertThat(interrupted.status()).isEqualTo(MessageStatus.INTERRUPTED);
    assertThat(interrupted.content()).isEqualTo("in flight");
    assertThat(reopened.toolExecutions(s.id())).hasSize(1);
    assertThat(reopened.append(s.id(), NewMessage.user("next")).seq()).isEqualTo(5);
  }
}
