package dev.chatstore.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionSummary;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StaleVersionException;
import dev.chatstore.metadata.ChatMetadata;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionManagerTest {
  private final SessionStore store = SessionStore.inMemory();
  private final SessionManager manager = SessionManager.of(store, "alice");

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void createMakesTheNewSessionCurrent() {
    assertThat(manager.current()).isEmpty();
    ChatSession s = manager.create("Trip planning");
    assertThat(manager.requireCurrent()).isEqualTo(s);
    assertThat(s.ownerId()).isEqualTo("alice");
    assertThat(s.title()).isEqualTo("Trip planning");
    assertThat(store.getSession(s.id())).isEqualTo(s);
  }

  @Test
  void callsThatNeedACurrentSessionSaySo() {
    assertThatThrownBy(manager::requireCurrent).isInstanceOf(NoCurrentSessionException.class);
    assertThatThrownBy(() -> manager.recordUserMessage("hi")).isInstanceOf(NoCurrentSessionException.class)
        .hasMessageContaining("append");
    assertThatThrownBy(() -> manager.saveState("{}")).isInstanceOf(NoCurrentSessionException.class);
  }

  @Test
  void resumeByIdAndLatest() throws Exception {
    ChatSession first = manager.create("first");
    ChatSession second = manager.create("second");
    manager.resume(first.id());
    assertThat(manager.requireCurrent().id()).isEqualTo(first.id());
    manager.recordUserMessage("bump"); // first is now the most recently updated
    SessionManager later = SessionManager.of(store, "alice");
    assertThat(later.resumeLatest()).map(ChatSession::id).contains(first.id());
    assertThat(later.requireCurrent().id()).isEqualTo(first.id());
    assertThat(second.id()).isNotEqualTo(first.id());
  }

  @Test
  void resumeLatestOfAnOwnerWithoutSessions() {
    assertThat(manager.resumeLatest()).isEmpty();
    assertThat(manager.current()).isEmpty();
    ChatSession created = manager.resumeLatestOrCreate();
    assertThat(manager.resumeLatestOrCreate().id()).isEqualTo(created.id());
  }

  @Test
  void unknownForeignAndHostileIdsAreRefused() {
    ChatSession bobs = store.createSession(NewSession.forOwner("bob").build());
    assertThatThrownBy(() -> manager.resume("0190f1f2-0000-7000-8000-000000000000"))
        .isInstanceOf(SessionNotFoundException.class);
    assertThatThrownBy(() -> manager.resume(bobs.id())).isInstanceOfSatisfying(SessionNotFoundException.class,
        e -> assertThat(e.id()).isEqualTo(bobs.id()));
    assertThatThrownBy(() -> manager.delete(bobs.id())).isInstanceOf(SessionNotFoundException.class);
    assertThatThrownBy(() -> manager.rename(bobs.id(), "mine now")).isInstanceOf(SessionNotFoundException.class);
    assertThatThrownBy(() -> manager.resume("../../etc/passwd")).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("sessionId"));
    assertThat(store.getSession(bobs.id()).isDeleted()).isFalse();
  }

  @Test
  void aDeletedSessionCannotBeResumedUntilRestored() {
    ChatSession s = manager.create("doomed");
    manager.delete(s.id());
    assertThat(manager.current()).isEmpty();
    assertThatThrownBy(() -> manager.resume(s.id())).isInstanceOfSatisfying(ConflictException.class,
        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.SESSION_DELETED));
    assertThat(manager.list(PageRequest.first(10)).items()).isEmpty();
    manager.restore(s.id());
    assertThat(manager.resume(s.id()).isDeleted()).isFalse();
  }

  @Test
  void saveStateAndMetadataOfTheCurrentSession() {
    manager.create("x");
    ChatSession saved = manager.saveState("{\"step\": 2, \"draft\": \"hello\"}");
    assertThat(saved.stateJson()).isEqualTo("{\"draft\":\"hello\",\"step\":2}");
    ChatMetadata meta = ChatMetadata.builder().connectedProject("p-1").context("temperature", "0.2").build();
    ChatSession withMeta = manager.saveMetadata(meta);
    assertThat(withMeta.metadata()).isEqualTo(meta);
    assertThat(withMeta.version()).isEqualTo(saved.version() + 1);
    assertThat(store.getSession(saved.id()).stateJson()).isEqualTo(saved.stateJson());
  }

  @Test
  void saveSurfacesAConcurrentChangeAndShowsWhatWon() {
    ChatSession s = manager.create("x");
    store.updateSession(s.id(), s.version(), SessionUpdate.state("{\"by\":\"other tab\"}"));
    assertThatThrownBy(() -> manager.saveState("{\"by\":\"me\"}")).isInstanceOf(StaleVersionException.class);
    assertThat(manager.requireCurrent().stateJson()).isEqualTo("{\"by\":\"other tab\"}");
    assertThat(manager.saveState("{\"by\":\"me\"}").stateJson()).isEqualTo("{\"by\":\"me\"}"); // now current
  }

  @Test
  void updateStateRecomputesFromTheLatestStateOnConflict() {
    ChatSession s = manager.create("x");
    manager.saveState("{\"n\":1}");
    ChatSession fresh = store.getSession(s.id());
    store.updateSession(s.id(), fresh.version(), SessionUpdate.state("{\"n\":10}"));
    ChatSession updated = manager.updateState(SessionManagerTest::increment);
    assertThat(updated.stateJson()).isEqualTo("{\"n\":11}"); // applied to the other writer's value
  }

  private static String increment(String state) {
    int n = Integer.parseInt(state.replaceAll("\\D", ""));
    return "{\"n\":" + (n + 1) + "}";
  }

  @Test
  void updateMetadataKeepsTheOtherWritersChange() {
    ChatSession s = manager.create("x");
    store.updateSession(s.id(), s.version(),
        SessionUpdate.metadata(ChatMetadata.builder().connectedProject("from-elsewhere").build()));
    ChatSession updated = manager.updateMetadata(m -> m.toBuilder().connectedProject("mine").build());
    assertThat(updated.metadata().connectedProjects()).containsExactly("from-elsewhere", "mine");
  }

  @Test
  void renameRetriesOverAConcurrentChangeAndRefusesBlank() {
    ChatSession s = manager.create("old");
    store.updateSession(s.id(), s.version(), SessionUpdate.state("{\"x\":1}"));
    assertThat(manager.rename("new").title()).isEqualTo("new");
    assertThat(store.getSession(s.id()).stateJson()).isEqualTo("{\"x\":1}");
    assertThatThrownBy(() -> manager.rename("  ")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void listAndFindOnlyTheOwnersSessions() {
    manager.create("alpha");
    manager.create("beta");
    store.createSession(NewSession.forOwner("bob").title("alpha of bob").build());
    assertThat(manager.list(PageRequest.first(10)).items()).extracting(SessionSummary::title)
        .containsExactly("beta", "alpha");
    assertThat(manager.find("ALP", PageRequest.first(10)).items()).extracting(SessionSummary::title)
        .containsExactly("alpha");
    var firstPage = manager.list(PageRequest.first(1));
    assertThat(manager.list(PageRequest.from(firstPage.nextCursor().orElseThrow(), 1)).items())
        .extracting(SessionSummary::title).containsExactly("alpha");
  }

  @Test
  void searchFindsMessagesOfTheOwnerOnly() {
    manager.create("a");
    manager.recordUserMessage("where is the kiwi?");
    ChatSession bobs = store.createSession(NewSession.forOwner("bob").build());
    store.append(bobs.id(), NewMessage.user("kiwi for bob"));
    assertThat(manager.search("KIWI", PageRequest.first(10)).items()).extracting(Message::content)
        .containsExactly("where is the kiwi?");
  }

  @Test
  void aProjectManagerCreatesListsAndResumesWithinItsProject() {
    SessionManager work = SessionManager.builder(store, "alice").project("work").build();
    manager.create("personal");
    ChatSession w = work.create("work chat");
    assertThat(w.projectId()).contains("work");
    manager.create("personal 2");
    assertThat(work.list(PageRequest.first(10)).items()).extracting(SessionSummary::title)
        .containsExactly("work chat");
    assertThat(work.resumeLatest()).map(ChatSession::id).contains(w.id());
  }

  @Test
  void repliesStreamIntoTheCurrentSession() {
    manager.create("x");
    manager.recordUserMessage("hello");
    Message reply;
    try (MessageStream stream = manager.openReply()) {
      stream.append("hel").append("lo!");
      reply = stream.complete();
    }
    assertThat(manager.messages(MessageQuery.latest(10)).items()).extracting(Message::content)
        .containsExactly("hello", "hello!");
    assertThat(reply.seq()).isEqualTo(2);
    assertThat(manager.refresh().messageCount()).isEqualTo(2);
  }

  @Test
  void startWithCreatesAndStoresTheFirstMessage() {
    Message first = manager.startWith(NewMessage.user("Plan a weekend in Lisbon"));
    ChatSession s = manager.requireCurrent();
    assertThat(first.sessionId()).isEqualTo(s.id());
    assertThat(s.title()).isEqualTo("Plan a weekend in Lisbon");
  }

  @Test
  void startWithLeavesNoEmptySessionWhenTheMessageIsRefused() {
    ChatSession before = manager.create("keep me current");
    SessionStore small = dev.chatstore.internal.memory.InMemorySessionStore.builder()
        .limits(dev.chatstore.StoreLimits.defaults().withMaxContentChars(5)).build();
    SessionManager tight = SessionManager.of(small, "alice");
    assertThatThrownBy(() -> tight.startWith(NewMessage.user("far too long"))).isInstanceOf(InvalidInputException.class);
    assertThat(tight.current()).isEmpty();
    assertThat(small.latestSession("alice")).isEmpty();
    assertThat(manager.requireCurrent()).isEqualTo(before);
    small.close();
  }

  @Test
  void leaveForgetsTheCurrentSessionOnly() {
    ChatSession s = manager.create("x");
    manager.leave();
    assertThat(manager.current()).isEmpty();
    assertThat(store.findSession(s.id())).map(ChatSession::title).isEqualTo(Optional.of("x"));
  }
}
