package dev.chatstore.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatSession;
import dev.chatstore.ForkOrigin;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ForkThroughManagerTest {
  private final SessionStore store = SessionStore.inMemory();
  private final SessionManager manager = SessionManager.of(store, "alice");

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void editAndResendBranchesBeforeTheEditedMessageAndLeavesTheOriginal() {
    ChatSession original = manager.create("Maths");
    manager.saveState("{\"mode\":\"tutor\"}");
    Message q1 = manager.recordUserMessage("What is 2+2?");
    Message a1 = manager.append(NewMessage.assistant("4"));
    Message q2 = manager.recordUserMessage("And 3+3?");
    manager.append(NewMessage.assistant("6"));
    List<Message> before = contents(original.id());

    EditedFork edited = manager.editAndResend(q2.id(), "And 3*3?");

    ChatSession fork = edited.session();
    assertThat(manager.requireCurrent().id()).isEqualTo(fork.id());
    assertThat(fork.id()).isNotEqualTo(original.id());
    assertThat(fork.forkedFrom()).contains(new ForkOrigin(original.id(), a1.id()));
    assertThat(fork.title()).isEqualTo("Maths");
    assertThat(fork.stateJson()).isEqualTo("{\"mode\":\"tutor\"}");
    assertThat(contents(fork.id())).extracting(Message::content).containsExactly("What is 2+2?", "4", "And 3*3?");
    assertThat(edited.message().seq()).isEqualTo(3);
    assertThat(edited.message().role()).isEqualTo(Role.USER);
    assertThat(contents(fork.id()).get(0).id()).isNotEqualTo(q1.id());
    // the original is untouched
    assertThat(contents(original.id())).isEqualTo(before);
    assertThat(store.getSession(original.id()).messageCount()).isEqualTo(4);
  }

  @Test
  void editingTheFirstMessageStartsAFreshSessionWithTheSameSettings() {
    ChatSession original = manager.create("Start over");
    Message q1 = manager.recordUserMessage("Hello");
    manager.append(NewMessage.assistant("Hi"));

    EditedFork edited = manager.editAndResend(q1.id(), "Hello there");

    assertThat(edited.session().forkedFrom()).isEmpty();
    assertThat(edited.session().title()).isEqualTo("Start over");
    assertThat(contents(edited.session().id())).extracting(Message::content).containsExactly("Hello there");
    assertThat(contents(original.id())).extracting(Message::content).containsExactly("Hello", "Hi");
  }

  @Test
  void forkAtAMessageCopiesUpToItAndBecomesCurrent() {
    ChatSession original = manager.create("Tools");
    manager.recordUserMessage("Weather?");
    Message call = manager.append(NewMessage.builder(Role.ASSISTANT)
        .toolCall(new ToolCall("c1", "weather", "{\"city\":\"Oslo\"}")).build());
    manager.append(NewMessage.tool(ToolResult.success("c1", "weather", "{\"temp\":-3}")));
    ChatSession fork = manager.fork(call.id());
    assertThat(manager.requireCurrent()).isEqualTo(fork);
    assertThat(contents(fork.id())).hasSize(2);
    assertThat(store.toolExecutions(fork.id())).singleElement().satisfies(e -> assertThat(e.isOrphan()).isTrue());
    assertThat(store.toolExecutions(original.id())).singleElement().satisfies(e -> assertThat(e.isOrphan()).isFalse());
  }

  @Test
  void editingRefusesUnknownAndToolMessages() {
    manager.create("x");
    manager.append(NewMessage.builder(Role.ASSISTANT).toolCall(new ToolCall("c1", "t", "{}")).build());
    Message tool = manager.append(NewMessage.tool(ToolResult.success("c1", "t", "1")));
    assertThatThrownBy(() -> manager.editAndResend(tool.id(), "x")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> manager.editAndResend("0190f1f2-0000-7000-8000-000000000000", "x"))
        .isInstanceOf(MessageNotFoundException.class);
  }

  private List<Message> contents(String sessionId) {
    return store.messages(sessionId, MessageQuery.earliest(100)).items();
  }
}
