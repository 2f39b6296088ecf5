package dev.chatstore.examples.above;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionSummary;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StaleVersionException;
import dev.chatstore.active.ActiveChats;
import dev.chatstore.active.ChatKey;
import dev.chatstore.active.ToolSpec;
import dev.chatstore.async.AsyncSessionStore;
import dev.chatstore.async.Futures;
import dev.chatstore.manager.EditedFork;
import dev.chatstore.manager.SessionManager;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SessionManager, ActiveChats and the async wrapper behave the same over every backend. */
class AboveTheStoreAcrossBackendsTest {
  @TempDir
  Path tmp;

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aSessionsLifeThroughTheManager(Backend backend) {
    try (SessionStore store = backend.open(tmp)) {
      SessionManager manager = SessionManager.of(store, "alice");
      ChatSession chat = manager.create();
      manager.recordUserMessage("  How do I  make sourdough bread at home without a proper starter culture?");
      assertThat(manager.requireCurrent().title()).isEqualTo("How do I make sourdough bread at home without a…");
      try (MessageStream reply = manager.openReply()) {
        reply.append("Start ").append("a starter.");
        reply.complete();
      }
      manager.saveState("{\"step\":1}");
      store.updateSession(chat.id(), store.getSession(chat.id()).version(), SessionUpdate.state("{\"step\":5}"));
      assertThatThrownBy(() -> manager.saveState("{\"step\":2}")).isInstanceOf(StaleVersionException.class);
      assertThat(manager.updateState(s -> s.replace("5", "6")).stateJson()).isEqualTo("{\"step\":6}");
      manager.rename("Bread");
      manager.recordUserMessage("thanks");
      assertThat(store.getSession(chat.id()).title()).isEqualTo("Bread");

      SessionManager later = SessionManager.of(store, "alice");
      assertThat(later.resumeLatest()).map(ChatSession::id).contains(chat.id());
      assertThat(later.list(PageRequest.first(10)).items()).extracting(SessionSummary::title).containsExactly("Bread");
      assertThat(later.messages(MessageQuery.latest(10)).items()).extracting(Message::content)
          .containsExactly("  How do I  make sourdough bread at home without a proper starter culture?",
              "Start a starter.", "thanks");

      assertThatThrownBy(() -> SessionManager.of(store, "bob").resume(chat.id()))
          .isInstanceOf(SessionNotFoundException.class);
      later.delete(chat.id());
      assertThatThrownBy(() -> later.resume(chat.id())).isInstanceOf(ConflictException.class);
      assertThat(later.resumeLatest()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void editAndResendLeavesTheOriginalUntouched(Backend backend) {
    try (SessionStore store = backend.open(tmp)) {
      SessionManager manager = SessionManager.of(store, "alice");
      ChatSession original = manager.create("Maths");
      manager.recordUserMessage("2+2?");
      manager.append(NewMessage.assistant("4"));
      Message q2 = manager.recordUserMessage("3+3?");
      manager.append(NewMessage.assistant("6"));
      List<Message> before = store.messages(original.id(), MessageQuery.earliest(10)).items();

      EditedFork edited = manager.editAndResend(q2.id(), "3*3?");

      assertThat(edited.session().forkedFrom()).map(f -> f.sessionId()).contains(original.id());
      assertThat(store.messages(edited.session().id(), MessageQuery.earliest(10)).items())
          .extracting(Message::content).containsExactly("2+2?", "4", "3*3?");
      assertThat(store.messages(original.id(), MessageQuery.earliest(10)).items()).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDraftIsPromotedWhenItsFirstMessageIsStored(Backend backend) {
    try (SessionStore store = backend.open(tmp)) {
      ActiveChats chats = new ActiveChats();
      ChatKey draft = chats.openDraft().key();
      chats.attachTool(draft, ToolSpec.withoutArguments("clock", "The time"));
      Message first = chats.saveDraft(draft, SessionManager.of(store, "alice"), NewMessage.user("What time is it?"));
      assertThat(chats.get(ChatKey.session(first.sessionId())).tools()).extracting(ToolSpec::name)
          .containsExactly("clock");
      assertThat(store.getSession(first.sessionId()).title()).isEqualTo("What time is it?");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void asyncCallsFailWithTheStoresTypedExceptions(Backend backend) {
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try (SessionStore store = backend.open(tmp)) {
      AsyncSessionStore async = AsyncSessionStore.over(store, executor);
      ChatSession s = Futures.await(async.createSession(dev.chatstore.NewSession.forOwner("alice").build()));
      Futures.await(async.append(s.id(), NewMessage.user("hi")));
      assertThat(Futures.await(async.getSession(s.id())).messageCount()).isEqualTo(1);
      assertThatThrownBy(() -> Futures.await(async.getSession("0190f1f2-0000-7000-8000-000000000000")))
          .isInstanceOf(SessionNotFoundException.class);
      Throwable failure = async.updateSession(s.id(), 99, SessionUpdate.title("x")).handle((v, t) -> t).join();
      assertThat(Futures.cause(failure)).isInstanceOf(StaleVersionException.class);
    } finally {
      executor.shutdownNow();
    }
  }
}
