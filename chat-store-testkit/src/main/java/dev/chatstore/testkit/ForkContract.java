package dev.chatstore.testkit;

import java.util.Optional;
import dev.chatstore.spi.MessageBody;
import static dev.chatstore.testkit.ContractAssertions.assertMessageNotFound;
import static dev.chatstore.testkit.ContractAssertions.assertSessionNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.ForkOrigin;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.ToolExecution;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** fork: a new session with copies up to a message, where it came from recorded, the source untouched. */
public abstract class ForkContract extends ContractArea {

  protected ForkContract(SessionStoreContract contract) {
    super(contract);
  }

  private ChatSession richSource() {
    ChatSession s = store().createSession(NewSession.forOwner(OWNER).project("p1").title("Source")
        .metadata(Fixtures.fullChatMetadata()).state("{\"mode\":\"plan\"}").build());
    store().append(s.id(), NewMessage.system("be helpful"));
    store().append(s.id(), NewMessage.user("find flights"));
    store().append(s.id(), NewMessage.builder(Role.ASSISTANT).content("searching")
        .toolCall(Fixtures.call("call_1", "flights")).metadata(Fixtures.fullMessageMetadata()).build());
    store().append(s.id(), Fixtures.toolAnswer("call_1", "flights"));
    store().append(s.id(), NewMessage.builder(Role.ASSISTANT).content("found two")
        .status(MessageStatus.ERROR).build());
    store().append(s.id(), NewMessage.user("thanks"));
    return store().getSession(s.id());
  }

  @Test
  void copiesTheMessagesUpToTheChosenOneWithNewIds() {
    ChatSession source = richSource();
    List<Message> sourceMessages = allMessages(source.id());
    Message upTo = sourceMessages.get(4);

    ChatSession fork = store().fork(source.id(), upTo.id(), "Branch");

    assertThat(fork.id()).isNotEqualTo(source.id());
    assertThat(fork.ownerId()).isEqualTo(source.ownerId());
    assertThat(fork.projectId()).isEqualTo(source.projectId());
    assertThat(fork.metadata()).isEqualTo(source.metadata());
    assertThat(fork.stateJson()).isEqualTo(source.stateJson());
    assertThat(fork.title()).isEqualTo("Branch");
    assertThat(fork.forkedFrom()).contains(new ForkOrigin(source.id(), upTo.id()));
    assertThat(fork.messageCount()).isEqualTo(5);
    assertThat(fork.version()).isEqualTo(1);
    assertThat(fork.deletedAt()).isEmpty();
    assertThat(store().getSession(fork.id())).isEqualTo(fork);

    List<Message> copies = allMessages(fork.id());
    assertThat(copies).hasSize(5);
    Set<String> sourceIds = new HashSet<>(sourceMessages.stream().map(Message::id).toList());
    for (int i = 0; i < copies.size(); i++) {
      Message original = sourceMessages.get(i);
      Message copy = copies.get(i);
      assertThat(sourceIds).doesNotContain(copy.id());
      assertThat(copy).isEqualTo(new Message(copy.id(), fork.id(), original.seq(), original.role(), MessageBody.plain(original.content()).parts(), original.status(), original.toolCalls(), original.toolResult().stream().toList(), original.metadata(), NewMessage.NO_ATTRIBUTES, Optional.empty(), original.createdAt(), original.updatedAt()));
    }
  }

  @Test
  void theSourceIsUntouched() {
    ChatSession source = richSource();
    List<Message> before = allMessages(source.id());

    store().fork(source.id(), before.get(2).id(), "Branch");

    assertThat(store().getSession(source.id())).isEqualTo(source);
    assertThat(allMessages(source.id())).isEqualTo(before);
  }

  @Test
  void theForkGrowsIndependently() {
    ChatSession source = richSource();
    Message upTo = allMessages(source.id()).get(1);
    ChatSession fork = store().fork(source.id(), upTo.id(), "Branch");

    Message next = store().append(fork.id(), NewMessage.user("another way"));

    assertThat(next.seq()).isEqualTo(3);
    assertThat(allMessages(source.id())).hasSize(6);
    assertThat(store().getSession(fork.id()).messageCount()).isEqualTo(3);
  }

  @Test
  void forkWithoutATitleKeepsTheSourceTitleAndShowsInTheList() {
    ChatSession source = richSource();
    List<Message> messages = allMessages(source.id());

    ChatSession all = store().fork(source.id(), messages.get(5).id());
    ChatSession first = store().fork(source.id(), messages.get(0).id());

    assertThat(all.title()).isEqualTo("Source");
    assertThat(all.messageCount()).isEqualTo(6);
    assertThat(first.messageCount()).isEqualTo(1);
    List<SessionSummary> listed = store().listSessions(SessionQuery.of(OWNER)).items();
    assertThat(listed).extracting(SessionSummary::id).contains(all.id(), first.id(), source.id());
    assertThat(listed.stream().filter(x -> x.id().equals(first.id())).findFirst().orElseThrow().preview())
        .isEqualTo("be helpful");
  }

  @Test
  void toolExecutionsOfTheForkPointAtTheCopies() {
    ChatSession source = richSource();
    ChatSession fork = store().fork(source.id(), allMessages(source.id()).get(3).id(), "Branch");
    List<Message> copies = allMessages(fork.id());

    List<ToolExecution> executions = store().toolExecutions(fork.id());

    assertThat(executions).hasSize(1);
    assertThat(executions.get(0).callMessageId()).isEqualTo(copies.get(2).id());
    assertThat(executions.get(0).resultMessageId()).contains(copies.get(3).id());
  }

  @Test
  void copiesOfMessagesStillStreamingAreInterrupted() {
    ChatSession s = newSession();
    store().append(s.id(), NewMessage.user("q"));
    try (MessageStream streaming = store().openStream(s.id(), Role.ASSISTANT);
        MessageStream pending = store().openStream(s.id(), Role.ASSISTANT)) {
      streaming.append("half an answer");
      streaming.flush();

      ChatSession fork = store().fork(s.id(), pending.messageId(), "Branch");

      List<Message> copies = allMessages(fork.id());
      assertThat(copies).extracting(Message::status)
          .containsExactly(MessageStatus.COMPLETE, MessageStatus.INTERRUPTED, MessageStatus.INTERRUPTED);
      assertThat(copies.get(1).content()).isEqualTo("half an answer");
      assertThat(copies.get(2).content()).isEmpty();

      streaming.append(", finished").complete();
      pending.complete();
    }
    assertThat(allMessages(s.id())).extracting(Message::status).containsOnly(MessageStatus.COMPLETE);
  }

  @Test
  void unknownSessionOrMessageThrowsAndWritesNothing() {
    ChatSession source = richSource();
    ChatSession other = newSession();
    Message elsewhere = store().append(other.id(), NewMessage.user("elsewhere"));
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    assertSessionNotFound(() -> store().fork("no-such-session", elsewhere.id(), "x"), "no-such-session");
    assertMessageNotFound(() -> store().fork(source.id(), "no-such-message", "x"), "no-such-message");
    assertMessageNotFound(() -> store().fork(source.id(), elsewhere.id(), "x"), elsewhere.id());

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }
}
