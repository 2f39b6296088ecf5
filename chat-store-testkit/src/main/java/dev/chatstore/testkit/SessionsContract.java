package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertConflict;
import static dev.chatstore.testkit.ContractAssertions.assertSessionNotFound;
import static dev.chatstore.testkit.ContractAssertions.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException.Reason;
import dev.chatstore.ForkOrigin;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StaleVersionException;
import dev.chatstore.metadata.ChatMetadata;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Creating, reading, versioned updates, soft delete, restore, purge and the latest session. */
public abstract class SessionsContract extends ContractArea {
  private static final String UUID_V7 = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  protected SessionsContract(SessionStoreContract contract) {
    super(contract);
  }

  @Test
  void createWithDefaultsStartsEmptyAtVersionOne() {
    ChatSession s = store().createSession(NewSession.forOwner(OWNER).build());

    assertThat(s.id()).matches(UUID_V7);
    assertThat(s.ownerId()).isEqualTo(OWNER);
    assertThat(s.projectId()).isEmpty();
    assertThat(s.title()).isEmpty();
    assertThat(s.metadata()).isEqualTo(ChatMetadata.empty());
    assertThat(s.stateJson()).isEqualTo("{}");
    assertThat(s.messageCount()).isZero();
    assertThat(s.version()).isEqualTo(1);
    assertThat(s.deletedAt()).isEmpty();
    assertThat(s.forkedFrom()).isEmpty();
    assertThat(s.updatedAt()).isAfterOrEqualTo(s.createdAt());
  }

  @Test
  void createKeepsEveryGivenFieldAndReadsBackEqual() {
    NewSession n = NewSession.forOwner(OWNER)
        .id("imported-session.1")
        .project("project-x")
        .title("Trip planning")
        .metadata(Fixtures.fullChatMetadata())
        .state("{\"step\":3,\"notes\":[\"a\",\"b\"]}")
        .build();

    ChatSession s = store().createSession(n);

    assertThat(s.id()).isEqualTo("imported-session.1");
    assertThat(s.projectId()).contains("project-x");
    assertThat(s.title()).isEqualTo("Trip planning");
    assertThat(s.metadata()).isEqualTo(Fixtures.fullChatMetadata());
    assertThat(s.stateJson()).isEqualTo(n.stateJson());
    assertThat(store().findSession(s.id())).contains(s);
    assertThat(store().getSession(s.id())).isEqualTo(s);
  }

  @Test
  void generatedIdsAreTimeOrdered() {
    ChatSession first = newSession();
    ChatSession second = newSession();
    assertThat(second.id()).isGreaterThan(first.id());
  }

  @Test
  void createWithATakenIdIsAConflictAndChangesNothing() {
    ChatSession original = store().createSession(NewSession.forOwner(OWNER).id("taken").title("first").build());

    assertConflict(() -> store().createSession(
        NewSession.forOwner(OTHER_OWNER).id("taken").title("second").build()), Reason.ALREADY_EXISTS);

    assertThat(store().getSession("taken")).isEqualTo(original);
  }

  @Test
  void findUnknownIsEmptyAndGetUnknownThrows() {
    assertThat(store().findSession("no-such-session")).isEmpty();
    assertSessionNotFound(() -> store().getSession("no-such-session"), "no-such-session");
  }

  @Test
  void updateTitleBumpsVersionAndMovesUpdatedAt() {
    ChatSession s = newSession();
    tick();

    ChatSession updated = store().updateSession(s.id(), 1, SessionUpdate.title("Renamed"));

    assertThat(updated.title()).isEqualTo("Renamed");
    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.updatedAt()).isAfter(s.updatedAt());
    assertThat(updated.createdAt()).isEqualTo(s.createdAt());
    assertThat(updated.metadata()).isEqualTo(s.metadata());
    assertThat(updated.stateJson()).isEqualTo(s.stateJson());
    assertThat(store().getSession(s.id())).isEqualTo(updated);
  }

  @Test
  void updateMetadataAndStateKeepTheOtherFields() {
    ChatSession s = store().createSession(NewSession.forOwner(OWNER).title("keep me").build());

    ChatSession v2 = store().updateSession(s.id(), 1, SessionUpdate.metadata(Fixtures.fullChatMetadata()));
    ChatSession v3 = store().updateSession(s.id(), 2, SessionUpdate.state("{ \"b\" : 2, \"a\" : 1 }"));

    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.metadata()).isEqualTo(Fixtures.fullChatMetadata());
    assertThat(v3.version()).isEqualTo(3);
    assertThat(v3.stateJson()).isEqualTo(SessionUpdate.state("{\"a\":1,\"b\":2}").stateJson().orElseThrow());
    assertThat(v3.metadata()).isEqualTo(Fixtures.fullChatMetadata());
    assertThat(v3.title()).isEqualTo("keep me");
    assertThat(store().getSession(s.id())).isEqualTo(v3);
  }

  @Test
  void oneUpdateOfSeveralFieldsBumpsTheVersionOnce() {
    ChatSession s = newSession();
    SessionUpdate all = SessionUpdate.title("t").withMetadata(Fixtures.fullChatMetadata()).withState("[1,2]");

    ChatSession updated = store().updateSession(s.id(), 1, all);

    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.title()).isEqualTo("t");
    assertThat(updated.metadata()).isEqualTo(Fixtures.fullChatMetadata());
    assertThat(updated.stateJson()).isEqualTo("[1,2]");
  }

  @Test
  void staleVersionIsRefusedAndNothingChanges() {
    ChatSession s = newSession();
    ChatSession v2 = store().updateSession(s.id(), 1, SessionUpdate.title("v2"));

    StaleVersionException stale = thrown(() -> store().updateSession(s.id(), 1,
        SessionUpdate.title("lost update").withState("{\"x\":1}")), StaleVersionException.class);
    assertThat(stale.reason()).isEqualTo(Reason.STALE_VERSION);
    assertThat(stale.sessionId()).isEqualTo(s.id());
    assertThat(stale.expectedVersion()).isEqualTo(1);
    assertThat(stale.actualVersion()).isEqualTo(2);

    thrown(() -> store().updateSession(s.id(), 7, SessionUpdate.title("from the future")),
        StaleVersionException.class);
    assertThat(store().getSession(s.id())).isEqualTo(v2);
  }

  @Test
  void appendingMessagesCountsThemAndMovesUpdatedAtButKeepsTheVersion() {
    ChatSession s = newSession();
    tick();
    store().append(s.id(), NewMessage.user("hi"));
    store().appendAll(s.id(), Fixtures.users(2));

    ChatSession after = store().getSession(s.id());
    assertThat(after.messageCount()).isEqualTo(3);
    assertThat(after.version()).isEqualTo(1);
    assertThat(after.updatedAt()).isAfter(s.updatedAt());
    assertThat(store().updateSession(s.id(), 1, SessionUpdate.title("still v1")).version()).isEqualTo(2);
  }

  @Test
  void softDeleteKeepsTheSessionAndItsMessagesReadable() {
    ChatSession s = newSession();
    store().append(s.id(), NewMessage.user("keep"));

    ChatSession deleted = store().deleteSession(s.id());

    assertThat(deleted.isDeleted()).isTrue();
    assertThat(deleted.version()).isEqualTo(2);
    assertThat(store().findSession(s.id())).contains(deleted);
    assertThat(store().messages(s.id(), MessageQuery.latest(10)).items()).extracting("content").containsExactly("keep");
  }

  @Test
  void deleteAndRestoreAreIdempotentAndANoOpKeepsTheVersion() {
    ChatSession s = newSession();

    ChatSession deleted = store().deleteSession(s.id());
    ChatSession deletedAgain = store().deleteSession(s.id());
    assertThat(deletedAgain).isEqualTo(deleted);
    assertThat(deletedAgain.version()).isEqualTo(2);

    ChatSession restored = store().restoreSession(s.id());
    assertThat(restored.isDeleted()).isFalse();
    assertThat(restored.version()).isEqualTo(3);
    ChatSession restoredAgain = store().restoreSession(s.id());
    assertThat(restoredAgain).isEqualTo(restored);
    assertThat(store().getSession(s.id())).isEqualTo(restored);
  }

  @Test
  void restoringANeverDeletedSessionChangesNothing() {
    ChatSession s = newSession();
    assertThat(store().restoreSession(s.id())).isEqualTo(s);
    assertThat(store().getSession(s.id())).isEqualTo(s);
  }

  @Test
  void writesToADeletedSessionAreConflictsAndWriteNothing() {
    ChatSession s = newSession();
    String m = store().append(s.id(), NewMessage.user("before delete")).id();
    store().deleteSession(s.id());
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    assertConflict(() -> store().append(s.id(), NewMessage.user("x")), Reason.SESSION_DELETED);
    assertConflict(() -> store().appendAll(s.id(), Fixtures.users(2)), Reason.SESSION_DELETED);
    assertConflict(() -> store().openStream(s.id(), Role.ASSISTANT), Reason.SESSION_DELETED);
    assertConflict(() -> store().updateSession(s.id(), 2, SessionUpdate.title("x")), Reason.SESSION_DELETED);
    assertConflict(() -> store().updateMessage(s.id(), m,
        MessageUpdate.status(MessageStatus.ERROR)), Reason.SESSION_DELETED);
    assertConflict(() -> store().fork(s.id(), m, "branch"), Reason.SESSION_DELETED);

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }

  @Test
  void aRestoredSessionTakesWritesAgain() {
    ChatSession s = newSession();
    store().append(s.id(), NewMessage.user("one"));
    store().deleteSession(s.id());
    store().restoreSession(s.id());

    assertThat(store().append(s.id(), NewMessage.user("two")).seq()).isEqualTo(2);
    assertThat(store().updateSession(s.id(), 3, SessionUpdate.title("back")).version()).isEqualTo(4);
  }

  @Test
  void purgeRemovesTheSessionAndItsMessagesForGood() {
    ChatSession s = newSession();
    String m = store().append(s.id(), NewMessage.user("gone")).id();
    ChatSession other = newSession();
    store().append(other.id(), NewMessage.user("stays"));

    store().purgeSession(s.id());

    assertThat(store().findSession(s.id())).isEmpty();
    assertThat(store().findMessage(s.id(), m)).isEmpty();
    assertSessionNotFound(() -> store().messages(s.id(), MessageQuery.latest(10)), s.id());
    assertSessionNotFound(() -> store().purgeSession(s.id()), s.id());
    assertThat(allMessages(other.id())).extracting("content").containsExactly("stays");
  }

  @Test
  void purgeWorksOnADeletedSessionToo() {
    ChatSession s = newSession();
    store().deleteSession(s.id());
    store().purgeSession(s.id());
    assertThat(store().findSession(s.id())).isEmpty();
  }

  @Test
  void latestSessionIsTheMostRecentlyUpdatedOneNotDeletedOfThatOwner() {
    assertThat(store().latestSession(OWNER)).isEmpty();
    ChatSession older = newSession();
    tick();
    ChatSession newer = newSession();
    tick();
    newSession(OTHER_OWNER);
    assertThat(store().latestSession(OWNER).map(ChatSession::id)).contains(newer.id());

    tick();
    store().append(older.id(), NewMessage.user("bump"));
    assertThat(store().latestSession(OWNER)).contains(store().getSession(older.id()));

    store().deleteSession(older.id());
    assertThat(store().latestSession(OWNER).map(ChatSession::id)).contains(newer.id());
    store().deleteSession(newer.id());
    assertThat(store().latestSession(OWNER)).isEmpty();
  }

  @Test
  void forkedFromIsEmptyUnlessForked() {
    ChatSession s = newSession();
    String m = store().append(s.id(), NewMessage.user("x")).id();
    assertThat(store().getSession(s.id()).forkedFrom()).isEmpty();
    assertThat(store().fork(s.id(), m).forkedFrom()).contains(new ForkOrigin(s.id(), m));
    assertThat(Optional.of(store().getSession(s.id())).flatMap(ChatSession::forkedFrom)).isEmpty();
  }
}
