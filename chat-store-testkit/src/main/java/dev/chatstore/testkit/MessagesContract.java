package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertConflict;
import static dev.chatstore.testkit.ContractAssertions.assertInvalidStartingWith;
import static dev.chatstore.testkit.ContractAssertions.assertMessageNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Appending one or several messages, seq assignment, reading one back and updating it. */
public abstract class MessagesContract extends ContractArea {

  protected MessagesContract(SessionStoreContract contract) {
    super(contract);
  }

  @Test
  void appendStoresEveryFieldAndReadsBackEqual() {
    ChatSession s = newSession();
    NewMessage n = NewMessage.builder(Role.ASSISTANT)
        .content("Here you go.")
        .toolCall(new ToolCall("call_1", "search", "{\"q\":\"weather\",\"n\":3}"))
        .metadata(Fixtures.fullMessageMetadata())
        .build();

    Message m = store().append(s.id(), n);

    assertThat(m.id()).isEqualTo(n.id());
    assertThat(m.sessionId()).isEqualTo(s.id());
    assertThat(m.seq()).isEqualTo(1);
    assertThat(m.role()).isEqualTo(Role.ASSISTANT);
    assertThat(m.content()).isEqualTo("Here you go.");
    assertThat(m.status()).isEqualTo(MessageStatus.COMPLETE);
    assertThat(m.toolCalls()).isEqualTo(n.toolCalls());
    assertThat(m.toolResult()).isEmpty();
    assertThat(m.metadata()).isEqualTo(Fixtures.fullMessageMetadata());
    assertThat(store().findMessage(s.id(), m.id())).contains(m);
    assertThat(store().getMessage(s.id(), m.id())).isEqualTo(m);
  }

  @Test
  void toolMessageKeepsItsResult() {
    ChatSession s = newSession();
    ToolResult result = ToolResult.failure("call_9", "fetch", "{\"status\":404,\"body\":null}");

    Message m = store().append(s.id(), NewMessage.tool(result));

    assertThat(m.role()).isEqualTo(Role.TOOL);
    assertThat(m.toolResult()).contains(result);
    assertThat(store().getMessage(s.id(), m.id()).toolResult()).contains(result);
  }

  @Test
  void appendedFinalStatusesAndGivenCreatedAtAreKept() {
    ChatSession s = newSession();
    Instant imported = Instant.parse("2021-03-04T05:06:07.123456Z");

    Message error = store().append(s.id(), NewMessage.builder(Role.ASSISTANT).content("half")
        .status(MessageStatus.ERROR).createdAt(imported).build());
    Message interrupted = store().append(s.id(), NewMessage.builder(Role.ASSISTANT).content("cut")
        .status(MessageStatus.INTERRUPTED).build());

    assertThat(error.status()).isEqualTo(MessageStatus.ERROR);
    assertThat(error.createdAt()).isEqualTo(imported);
    assertThat(store().getMessage(s.id(), error.id())).isEqualTo(error);
    assertThat(store().getMessage(s.id(), interrupted.id()).status()).isEqualTo(MessageStatus.INTERRUPTED);
  }

  @Test
  void timestampsAreKeptAtMicrosecondPrecision() {
    ChatSession s = newSession();
    Instant withNanos = Instant.parse("2022-01-02T03:04:05.123456789Z");

    Message given = store().append(s.id(), NewMessage.builder(Role.USER).content("old").createdAt(withNanos).build());
    Message stamped = store().append(s.id(), NewMessage.user("now"));

    for (Message m : List.of(given, stamped)) {
      assertThat(m.createdAt().getNano() % 1000).as("sub-microsecond nanos of createdAt").isZero();
      assertThat(m.updatedAt().getNano() % 1000).as("sub-microsecond nanos of updatedAt").isZero();
      assertThat(store().getMessage(s.id(), m.id())).isEqualTo(m);
    }
    assertThat(Duration.between(given.createdAt(), withNanos).abs()).isLessThan(Duration.ofNanos(1000));
    ChatSession read = store().getSession(s.id());
    assertThat(read.createdAt().getNano() % 1000).isZero();
    assertThat(read.updatedAt().getNano() % 1000).isZero();
  }

  @Test
  void seqStartsAtOneAndIsGapFreeAcrossAppendAppendAllAndStreams() {
    ChatSession s = newSession();
    List<Message> made = new ArrayList<>();
    made.add(store().append(s.id(), NewMessage.user("a")));
    made.addAll(store().appendAll(s.id(), Fixtures.users(3)));
    try (var stream = store().openStream(s.id(), Role.ASSISTANT)) {
      assertThat(stream.seq()).isEqualTo(5);
      made.add(stream.append("streamed").complete());
    }
    made.add(store().append(s.id(), NewMessage.system("z")));

    assertThat(seqs(made)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(allMessages(s.id())).isEqualTo(made);
    assertThat(store().getSession(s.id()).messageCount()).isEqualTo(6);
  }

  @Test
  void seqIsPerSession() {
    ChatSession a = newSession();
    ChatSession b = newSession();
    store().append(a.id(), NewMessage.user("a1"));
    store().append(a.id(), NewMessage.user("a2"));

    assertThat(store().append(b.id(), NewMessage.user("b1")).seq()).isEqualTo(1);
    assertThat(store().append(a.id(), NewMessage.user("a3")).seq()).isEqualTo(3);
  }

  @Test
  void appendAllReturnsTheMessagesInOrderAtConsecutiveSeqs() {
    ChatSession s = newSession();
    store().append(s.id(), NewMessage.user("first"));
    List<NewMessage> batch = List.of(
        NewMessage.user("q"),
        Fixtures.assistantCalling(Fixtures.call("c1", "search")),
        Fixtures.toolAnswer("c1", "search"),
        NewMessage.assistant("a"));

    List<Message> stored = store().appendAll(s.id(), batch);

    assertThat(seqs(stored)).containsExactly(2L, 3L, 4L, 5L);
    assertThat(stored).extracting(Message::id).containsExactlyElementsOf(batch.stream().map(NewMessage::id).toList());
    assertThat(stored).extracting(Message::role)
        .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT);
    assertThat(allMessages(s.id()).subList(1, 5)).isEqualTo(stored);
  }

  @Test
  void appendAllIsAllOrNothingAndNamesTheBadMessage() {
    ChatSession s = newSession();
    store().append(s.id(), NewMessage.user("existing"));
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);
    List<ToolCall> tooMany = new ArrayList<>();
    for (int i = 0; i <= limits().maxToolCallsPerMessage(); i++) {
      tooMany.add(Fixtures.call("c" + i, "t"));
    }
    List<NewMessage> batch = List.of(
        NewMessage.user("ok 0"),
        NewMessage.user("ok 1"),
        NewMessage.builder(Role.ASSISTANT).toolCalls(tooMany).build(),
        NewMessage.user("ok 3"));

    assertInvalidStartingWith(() -> store().appendAll(s.id(), batch), "messages[2]");

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
    assertThat(store().findMessage(s.id(), batch.get(0).id())).isEmpty();
  }

  @Test
  void aMessageIdAlreadyInTheSessionIsAConflictAndNothingIsWritten() {
    ChatSession s = newSession();
    Message first = store().append(s.id(), NewMessage.user("first"));
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);
    NewMessage again = NewMessage.builder(Role.USER).id(first.id()).content("again").build();

    assertConflict(() -> store().append(s.id(), again), ConflictException.Reason.ALREADY_EXISTS);
    assertConflict(() -> store().appendAll(s.id(), List.of(NewMessage.user("new"), again)),
        ConflictException.Reason.ALREADY_EXISTS);
    assertConflict(() -> store().openStream(s.id(), StreamOptions.assistant().withMessageId(first.id())),
        ConflictException.Reason.ALREADY_EXISTS);

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
    assertThat(store().getMessage(s.id(), first.id()).content()).isEqualTo("first");
  }

  @Test
  void aMessageIdRepeatedInsideOneBatchIsRefusedByName() {
    ChatSession s = newSession();
    NewMessage m = NewMessage.user("twice");
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    assertInvalidStartingWith(() -> store().appendAll(s.id(), List.of(m, NewMessage.user("x"), m)), "messages[2]");

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }

  @Test
  void findMessageOfAnotherSessionIsEmpty() {
    ChatSession a = newSession();
    ChatSession b = newSession();
    Message m = store().append(a.id(), NewMessage.user("in a"));

    assertThat(store().findMessage(b.id(), m.id())).isEmpty();
    MessageNotFoundException e = assertMessageNotFound(() -> store().getMessage(b.id(), m.id()), m.id());
    assertThat(e.sessionId()).isEqualTo(b.id());
  }

  @Test
  void updateMessageSetsAFinalStatusAndKeepsTheRest() {
    ChatSession s = newSession();
    Message m = store().append(s.id(), NewMessage.builder(Role.ASSISTANT).content("answer")
        .metadata(Fixtures.fullMessageMetadata()).build());

    Message updated = store().updateMessage(s.id(), m.id(), MessageUpdate.status(MessageStatus.INTERRUPTED));

    assertThat(updated.status()).isEqualTo(MessageStatus.INTERRUPTED);
    assertThat(updated.content()).isEqualTo("answer");
    assertThat(updated.seq()).isEqualTo(m.seq());
    assertThat(updated.metadata()).isEqualTo(m.metadata());
    assertThat(updated.createdAt()).isEqualTo(m.createdAt());
    assertThat(store().getMessage(s.id(), m.id())).isEqualTo(updated);
  }

  @Test
  void updateMessageReplacesMetadataAndKeepsTheSessionVersion() {
    ChatSession s = newSession();
    Message m = store().append(s.id(), NewMessage.assistant("answer"));
    MessageMetadata replaced = MessageMetadata.builder().model("other").usage(1, 2).build();

    Message updated = store().updateMessage(s.id(), m.id(),
        MessageUpdate.metadata(replaced).withMetadata(Fixtures.fullMessageMetadata()));
    Message both = store().updateMessage(s.id(), m.id(),
        MessageUpdate.status(MessageStatus.ERROR).withMetadata(replaced));

    assertThat(updated.metadata()).isEqualTo(Fixtures.fullMessageMetadata());
    assertThat(updated.status()).isEqualTo(MessageStatus.COMPLETE);
    assertThat(both.metadata()).isEqualTo(replaced);
    assertThat(both.status()).isEqualTo(MessageStatus.ERROR);
    assertThat(store().getMessage(s.id(), m.id())).isEqualTo(both);
    assertThat(store().getSession(s.id()).version()).isEqualTo(1);
    assertThat(store().getSession(s.id()).messageCount()).isEqualTo(1);
  }

  @Test
  void aGivenCreationTimeIsKeptWithinYearsOneTo9999AndRefusedOutside() {
    String s = newSession().id();
    Instant first = Instant.parse("0001-01-01T00:00:00Z");
    Instant last = Instant.parse("9999-12-31T23:59:59.999999Z");

    assertThat(store().append(s, NewMessage.builder(Role.USER).content("a").createdAt(first).build()).createdAt())
        .isEqualTo(first);
    assertThat(store().append(s, NewMessage.builder(Role.USER).content("b").createdAt(last).build()).createdAt())
        .isEqualTo(last);
    for (Instant outside : List.of(first.minusNanos(1000), Instant.parse("+10000-01-01T00:00:00Z"), Instant.MIN,
        Instant.MAX)) {
      assertInvalidStartingWith(() -> store().append(s, NewMessage.builder(Role.USER).content("x")
          .createdAt(outside).build()), "createdAt");
      assertInvalidStartingWith(() -> store().appendAll(s, List.of(NewMessage.user("ok"),
          NewMessage.builder(Role.USER).content("x").createdAt(outside).build())), "messages[1].createdAt");
    }
    assertThat(allMessages(s)).hasSize(2);
  }
}
