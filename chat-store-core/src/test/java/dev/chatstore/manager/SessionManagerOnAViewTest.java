package dev.chatstore.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionSummary;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A SessionManager over an owner view works as over the store, and never reaches another owner's chat. */
class SessionManagerOnAViewTest {
  private static final String UNKNOWN = "0190f1f2-0000-7000-8000-000000000000";

  private final SessionStore store = SessionStore.inMemory();
  private final SessionManager alice = SessionManager.of(store.forOwner("alice"), "alice");

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void theOwnersChatsWorkThroughTheView() {
    Message first = alice.startWith(NewMessage.user("plan the trip"));
    alice.append(NewMessage.assistant("sure"));
    ChatSession fork = alice.fork(first.id());
    alice.resume(first.sessionId());
    EditedFork edited = alice.editAndResend(first.id(), "plan the trip, by train");

    assertThat(store.getSession(first.sessionId()).ownerId()).isEqualTo("alice");
    assertThat(fork.ownerId()).isEqualTo("alice");
    assertThat(edited.session().ownerId()).isEqualTo("alice");
    assertThat(alice.list(PageRequest.first(10)).items()).hasSize(3);
    assertThat(alice.resume(first.sessionId()).title()).isEqualTo("plan the trip");
  }

  @Test
  void anotherOwnersChatIsNotFoundAsAnUnknownOneIsAndStaysAsItWas() {
    ChatSession bobs = store.createSession(NewSession.forOwner("bob").title("bob's").build());
    store.append(bobs.id(), NewMessage.user("bob's secret"));
    ChatSession before = store.getSession(bobs.id());
    List<Consumer<String>> calls = List.of(alice::resume, alice::get, alice::delete, alice::restore,
        id -> alice.rename(id, "mine"));

    for (Consumer<String> call : calls) {
      SessionNotFoundException unknown = catchThrowableOfType(() -> call.accept(UNKNOWN), SessionNotFoundException.class);
      SessionNotFoundException others = catchThrowableOfType(() -> call.accept(bobs.id()), SessionNotFoundException.class);
      assertThat(others.getMessage()).isEqualTo(unknown.getMessage().replace(UNKNOWN, bobs.id()));
    }
    assertThat(alice.search("secret", PageRequest.first(10)).items()).isEmpty();
    assertThat(alice.list(PageRequest.first(10)).items()).extracting(SessionSummary::id).doesNotContain(bobs.id());
    assertThat(alice.resumeLatest()).isEmpty();
    assertThat(store.getSession(bobs.id())).isEqualTo(before);
  }

  @Test
  void aManagerForAnotherOwnerThanTheViewsSeesNothingOfTheViewsOwner() {
    Message first = alice.startWith(NewMessage.user("alice's"));
    SessionManager mismatched = SessionManager.of(store.forOwner("alice"), "bob");

    assertThat(mismatched.list(PageRequest.first(10)).items()).isEmpty();
    assertThat(catchThrowableOfType(() -> mismatched.resume(first.sessionId()), SessionNotFoundException.class))
        .isNotNull();
  }
}
