package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertInvalid;
import static dev.chatstore.testkit.ContractAssertions.assertInvalidStartingWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.MessageMetadata;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Input past a {@link dev.chatstore.StoreLimits} limit is refused with InvalidInputException naming the
 * field, and nothing is written. Sizes come from {@link SessionStoreContract#limits()}.
 */
public abstract class OversizeContract extends ContractArea {

  protected OversizeContract(SessionStoreContract contract) {
    super(contract);
  }

  private ChatMetadata hugeChatMetadata() {
    return ChatMetadata.builder().extensionJson("blob", jsonString(limits().metadata().maxChars() + 1)).build();
  }

  private MessageMetadata hugeMessageMetadata() {
    return MessageMetadata.builder().extensionJson("blob", jsonString(limits().metadata().maxChars() + 1)).build();
  }

  private MessageMetadata deepMessageMetadata() {
    return MessageMetadata.builder()
        .executionStateJson("deep", Fixtures.nestedJson(limits().metadata().maxDepth() + 1)).build();
  }

  private String tooDeepDocument() {
    return Fixtures.nestedJson(limits().documents().maxDepth() + 1);
  }

  private static String jsonString(int length) {
    return "\"" + "x".repeat(length) + "\"";
  }

  @Test
  void contentPastTheLimitIsRefusedByAppendAppendAllAndStreams() {
    // the suite's only strings near maxContentChars: one past it, one that passes it with what streamed
    String tooLong = "c".repeat(limits().maxContentChars() + 1);
    String fillsUpToOneUnder = "f".repeat(limits().maxContentChars() - 1);
    ChatSession s = newSession();
    store().append(s.id(), NewMessage.user("before"));
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.append("ab");
    stream.flush();
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    assertInvalid(() -> store().append(s.id(), NewMessage.user(tooLong)), "content");
    assertInvalidStartingWith(() -> store().appendAll(s.id(), List.of(NewMessage.user("fine"),
        NewMessage.user(tooLong))), "messages[1]");
    assertInvalid(() -> stream.append(tooLong));
    assertInvalid(() -> stream.append(fillsUpToOneUnder)); // fits alone, not after the "ab" already streamed
    stream.flush();
    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);

    Message done = stream.append("c").complete();
    assertThat(done.content()).isEqualTo("abc");
    assertThat(done.status()).isEqualTo(MessageStatus.COMPLETE);
  }

  @Test
  void titlePastTheLimitIsRefused() {
    String tooLong = "t".repeat(limits().maxTitleChars() + 1);
    ChatSession s = newSession();
    Message m = store().append(s.id(), NewMessage.user("x"));
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    assertInvalid(() -> store().createSession(NewSession.forOwner(OWNER).title(tooLong).build()), "title");
    assertInvalid(() -> store().updateSession(s.id(), 1, SessionUpdate.title(tooLong)), "title");
    assertInvalid(() -> store().fork(s.id(), m.id(), tooLong), "title");

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
    String longest = "t".repeat(limits().maxTitleChars());
    assertThat(store().updateSession(s.id(), 1, SessionUpdate.title(longest)).title()).isEqualTo(longest);
  }

  @Test
  void chatMetadataPastTheLimitIsRefused() {
    ChatSession s = newSession();
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    assertInvalidStartingWith(() -> store().createSession(
        NewSession.forOwner(OWNER).metadata(hugeChatMetadata()).build()), "metadata");
    assertInvalidStartingWith(() -> store().updateSession(s.id(), 1,
        SessionUpdate.metadata(hugeChatMetadata())), "metadata");
    ChatMetadata deep = ChatMetadata.builder()
        .extensionJson("deep", Fixtures.nestedJson(limits().metadata().maxDepth() + 1)).build();
    assertInvalidStartingWith(() -> store().updateSession(s.id(), 1, SessionUpdate.metadata(deep)), "metadata");

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }

  @Test
  void messageMetadataPastTheLimitIsRefused() {
    ChatSession s = newSession();
    Message m = store().append(s.id(), NewMessage.assistant("x"));
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    for (MessageMetadata bad : List.of(hugeMessageMetadata(), deepMessageMetadata())) {
      assertInvalidStartingWith(() -> store().append(s.id(),
          NewMessage.builder(Role.ASSISTANT).metadata(bad).build()), "metadata");
      assertInvalidStartingWith(() -> store().appendAll(s.id(), List.of(NewMessage.user("ok"),
          NewMessage.builder(Role.ASSISTANT).metadata(bad).build())), "messages[1].metadata");
      assertInvalidStartingWith(() -> store().updateMessage(s.id(), m.id(), MessageUpdate.metadata(bad)),
          "metadata");
      assertThat(assertInvalid(() -> store().openStream(s.id(), StreamOptions.assistant().withMetadata(bad)))
          .field()).contains("metadata");
    }

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }

  @Test
  void completingWithOversizedMetadataIsRefused() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.append("text");

    assertThat(assertInvalid(() -> stream.complete(hugeMessageMetadata())).field()).contains("metadata");

    assertThat(store().getMessage(s.id(), stream.messageId()).status()).isNotEqualTo(MessageStatus.COMPLETE);
    stream.close();
  }

  @Test
  void stateToolArgumentsAndOutputsPastTheDocumentLimitsAreRefused() {
    ChatSession s = newSession();
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);
    String deep = tooDeepDocument();

    assertInvalidStartingWith(() -> store().createSession(NewSession.forOwner(OWNER).state(deep).build()),
        "stateJson");
    assertInvalidStartingWith(() -> store().updateSession(s.id(), 1, SessionUpdate.state(deep)), "stateJson");
    assertInvalidStartingWith(() -> store().append(s.id(),
        Fixtures.assistantCalling(new ToolCall("c1", "t", deep))), "toolCalls[0].argumentsJson");
    assertInvalidStartingWith(() -> store().append(s.id(),
        NewMessage.tool(ToolResult.success("c1", "t", deep))), "toolResults[0].output");

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }

  @Test
  void tooManyToolCallsAndTooLargeABatchAreRefused() {
    ChatSession s = newSession();
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);
    List<ToolCall> calls = new ArrayList<>();
    for (int i = 0; i <= limits().maxToolCallsPerMessage(); i++) {
      calls.add(Fixtures.call("c" + i, "t"));
    }
    List<NewMessage> batch = new ArrayList<>();
    for (int i = 0; i <= limits().maxBatchSize(); i++) {
      batch.add(NewMessage.user("b"));
    }

    assertInvalid(() -> store().append(s.id(),
        NewMessage.builder(Role.ASSISTANT).toolCalls(calls).build()), "toolCalls");
    assertInvalid(() -> store().appendAll(s.id(), batch), "messages");
    assertInvalid(() -> store().appendAll(s.id(), List.of()), "messages");

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }
}
