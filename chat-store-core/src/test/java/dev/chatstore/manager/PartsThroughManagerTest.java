package dev.chatstore.manager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.TextPart;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.UnknownPart;
import dev.chatstore.metadata.MessageMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the manager copies or rebuilds of a message keeps its parts, attributes, name and results. */
class PartsThroughManagerTest {
  private static final MediaPart IMAGE = MediaPart.inline("image/png", new byte[] {0, (byte) 0xff, 7})
      .withFileName("cat.png");
  private static final ReasoningPart THINKING = ReasoningPart.signed("The user wants a cat.", "sig==");

  private final SessionStore store = SessionStore.inMemory();
  private final SessionManager manager = SessionManager.of(store, "alice");

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aForkCopiesEveryMessageExactly() {
    ChatSession original = manager.create("Parts");
    conversation();
    Message last = messages(original.id()).get(3);

    ChatSession fork = manager.fork(last.id());

    assertThat(messages(fork.id())).extracting(PartsThroughManagerTest::withoutBookkeeping)
        .isEqualTo(messages(original.id()).stream().map(PartsThroughManagerTest::withoutBookkeeping).toList());
  }

  @Test
  void anEditReplacesTheTextWhereItWasAndKeepsTheOtherPartsTheAttributesAndTheName() {
    ChatSession original = manager.create("Parts");
    List<Message> before = conversation();
    Message question = before.get(0);

    EditedFork edited = manager.editAndResend(question.id(), "Is this a dog?");

    Message resent = edited.message();
    assertThat(resent.parts()).containsExactly(IMAGE, new TextPart("Is this a dog?"),
        new UnknownPart("sticker", Map.of("id", "42")));
    assertThat(resent.content()).isEqualTo("Is this a dog?");
    assertThat(resent.attributesJson()).isEqualTo("{\"client\":{\"v\":2}}");
    assertThat(resent.name()).contains("alice");
    assertThat(resent.metadata()).isEqualTo(MessageMetadata.empty());
    assertThat(messages(original.id())).isEqualTo(before);
  }

  @Test
  void anEditedReplyKeepsItsReasoningButNotTheCallsWhoseResultsTheBranchLacks() {
    manager.create("Parts");
    List<Message> before = conversation();

    EditedFork edited = manager.editAndResend(before.get(1).id(), "Edited answer");

    assertThat(edited.message().parts()).containsExactly(THINKING, new TextPart("Edited answer"));
    assertThat(edited.message().toolCalls()).isEmpty();
    assertThat(edited.message().name()).contains("helper");
    assertThat(messages(edited.session().id()).get(0)).extracting(PartsThroughManagerTest::withoutBookkeeping)
        .isEqualTo(withoutBookkeeping(before.get(0)));
  }

  @Test
  void editingTheFirstMessageOfAKeyedChatLeavesTheKeyWithTheOriginal() {
    ChatSession keyed = store.createSession(NewSession.forOwner("alice").title("Keyed").key("conv-1").build());
    manager.resume(keyed.id());
    Message first = conversation().get(0);

    EditedFork edited = manager.editAndResend(first.id(), "again");

    assertThat(edited.session().key()).isEmpty();
    assertThat(store.findSessionByKey("alice", "conv-1")).map(ChatSession::id).contains(keyed.id());
    assertThat(edited.message().parts()).containsExactly(IMAGE, new TextPart("again"),
        new UnknownPart("sticker", Map.of("id", "42")));
  }

  private List<Message> conversation() {
    manager.append(NewMessage.builder(Role.USER).part(IMAGE).part(Part.text("What is "))
        .part(new TextPart("this?", Map.of("lang", "\"en\""))).part(new UnknownPart("sticker", Map.of("id", "42")))
        .attributes("{\"client\":{\"v\":2}}").name("alice").build());
    manager.append(NewMessage.builder(Role.ASSISTANT).part(THINKING).part(Part.text("A cat. Checking."))
        .toolCall(new ToolCall("c1", "vision", "{\"q\":\"species\"}"))
        .toolCall(new ToolCall("c2", "vision", "{\"q\": broken"))
        .name("helper").metadata(MessageMetadata.builder().model("m-1").build()).build());
    manager.append(NewMessage.tool(List.of(ToolResult.success("c1", "vision", "{\"species\":\"cat\"}"),
        ToolResult.textFailure("c2", "vision", "bad arguments\u0000"))));
    manager.append(NewMessage.assistant("It is a cat."));
    return messages(manager.requireCurrent().id());
  }

  private List<Message> messages(String sessionId) {
    return store.messages(sessionId, MessageQuery.earliest(100)).items();
  }

  /** A message without what a copy changes: its id and session. */
  private static List<Object> withoutBookkeeping(Message m) {
    return List.of(m.seq(), m.role(), m.parts(), m.status(), m.toolCalls(), m.toolResults(), m.metadata(),
        m.attributesJson(), m.name(), m.createdAt(), m.updatedAt());
  }
}
