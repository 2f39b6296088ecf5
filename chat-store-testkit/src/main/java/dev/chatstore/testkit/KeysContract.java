package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertConflict;
import static dev.chatstore.testkit.ContractAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionSummary;
import dev.chatstore.SessionUpdate;
import dev.chatstore.metadata.ChatMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Conversation keys: a host's own name for a session, any text up to 256 chars, unique per owner,
 * matched exactly (never by pattern, case, whitespace or Unicode normalisation), found while deleted,
 * freed by purge, never copied to a fork, listed in summaries, and kept across a reopen.
 */
public abstract class KeysContract extends ContractArea {

  protected KeysContract(SessionStoreContract contract) {
    super(contract);
  }

  private ChatSession keyed(String owner, String key) {
    return store().createSession(NewSession.forOwner(owner).key(key).build());
  }

  /** Keys that break careless storage: paths, SQL, LIKE wildcards, NUL, emoji, the longest allowed. */
  static List<String> hostileKeys() {
    return List.of(
        "../x",
        "..",
        "a/b\\c",
        "'; DROP TABLE x; --",
        "%_",
        "%",
        "_",
        "a\u0000b",
        "\u0000",
        "👨‍👩‍👧 chat 🇫🇷",
        "line1\nline2\ttab",
        "{\"key\":1}",
        "CON",
        "k".repeat(NewSession.MAX_KEY_LENGTH),
        "日".repeat(NewSession.MAX_KEY_LENGTH),
        HostileText.nonBmp(NewSession.MAX_KEY_LENGTH));
  }

  @Test
  void aKeyFindsItsSessionAndNothingElse() {
    ChatSession s = store().createSession(NewSession.forOwner(OWNER).title("support").key("user-42:support").build());
    newSession();

    assertThat(s.key()).contains("user-42:support");
    assertThat(store().getSession(s.id()).key()).contains("user-42:support");
    assertThat(store().findSessionByKey(OWNER, "user-42:support")).contains(store().getSession(s.id()));
    assertThat(store().findSessionByKey(OWNER, "user-42")).isEmpty();
    assertThat(store().findSessionByKey(OTHER_OWNER, "user-42:support")).isEmpty();
    assertThat(newSession().key()).isEmpty();
  }

  @Test
  void keysMatchExactlyCaseWhitespaceAndNormalisationFormsIncluded() {
    List<String> distinct = List.of("Support", "support", "SUPPORT", "support ", " support", "support\t",
        "caf\u00e9", "cafe\u0301", "stra\u00dfe", "strasse", "\ufb01le", "file");
    Map<String, String> ids = new LinkedHashMap<>();
    for (String key : distinct) {
      ids.put(key, keyed(OWNER, key).id());
    }

    forEachInput(distinct, key -> {
      assertThat(store().findSessionByKey(OWNER, key).map(ChatSession::id)).contains(ids.get(key));
      assertThat(store().findSessionByKey(OWNER, key).flatMap(ChatSession::key)).contains(key);
    });
    assertThat(ids.values()).doesNotHaveDuplicates();
    forEachInput(List.of("SuPpOrT", "support  ", "Caf\u00e9", "Straße"), key ->
        assertThat(store().findSessionByKey(OWNER, key)).isEmpty());
  }

  @Test
  void hostileKeysAreKeptExactlyAndNeverMatchedAsPatterns() {
    Map<String, String> ids = new LinkedHashMap<>();
    for (String key : hostileKeys()) {
      ids.put(key, keyed(OWNER, key).id());
    }
    ChatSession wildcardBait = keyed(OWNER, "a_c");

    forEachInput(hostileKeys(), key -> {
      ChatSession found = store().findSessionByKey(OWNER, key).orElseThrow(() -> new AssertionError("not found"));
      assertThat(found.id()).isEqualTo(ids.get(key));
      assertThat(found.key()).contains(key);
      assertThat(store().getSession(found.id()).key()).contains(key);
    });
    assertThat(store().findSessionByKey(OWNER, "abc")).isEmpty();
    assertThat(store().findSessionByKey(OWNER, "a_c")).map(ChatSession::id).contains(wildcardBait.id());
    assertThat(store().findSessionByKey(OWNER, "x")).isEmpty();
    assertThat(store().findSessionByKey(OWNER, "a")).isEmpty();
    assertThat(store().findSessionByKey(OWNER, "%%")).isEmpty();
  }

  @Test
  void blankTooLongAndIllFormedKeysAreRefused() {
    String tooLong = "k".repeat(NewSession.MAX_KEY_LENGTH + 1);
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    for (String bad : List.of("", "   ", "\t\n", tooLong, "lone \uD83D")) {
      assertInvalid(() -> NewSession.forOwner(OWNER).key(bad), "key");
      assertInvalid(() -> new NewSession(Optional.empty(), OWNER, Optional.empty(), "", ChatMetadata.empty(),
          "{}", Optional.of(bad)), "key");
      assertInvalid(() -> store().findSessionByKey(OWNER, bad), "key");
    }
    assertInvalid(() -> store().findSessionByKey(" ", "k"), "ownerId");

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }

  @Test
  void theSameKeyUnderTwoOwnersIsTwoSessions() {
    ChatSession mine = keyed(OWNER, "default");
    ChatSession theirs = keyed(OTHER_OWNER, "default");

    assertThat(mine.id()).isNotEqualTo(theirs.id());
    assertThat(store().findSessionByKey(OWNER, "default")).map(ChatSession::id).contains(mine.id());
    assertThat(store().findSessionByKey(OTHER_OWNER, "default")).map(ChatSession::id).contains(theirs.id());
    store().purgeSession(theirs.id());
    assertThat(store().findSessionByKey(OWNER, "default")).map(ChatSession::id).contains(mine.id());
  }

  @Test
  void aDuplicateKeyIsRefusedAndNoSecondSessionIsCreated() {
    ChatSession first = keyed(OWNER, "default");
    store().append(first.id(), NewMessage.user("hello"));
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER, OTHER_OWNER);

    assertConflict(() -> keyed(OWNER, "default"), ConflictException.Reason.ALREADY_EXISTS);
    assertConflict(() -> store().createSession(NewSession.forOwner(OWNER).id("given-id-1").title("second")
        .key("default").build()), ConflictException.Reason.ALREADY_EXISTS);

    assertThat(StoreSnapshot.of(store(), OWNER, OTHER_OWNER)).isEqualTo(before);
    assertThat(store().findSession("given-id-1")).isEmpty();
    assertThat(store().findSessionByKey(OWNER, "default")).contains(store().getSession(first.id()));
    assertThat(store().createSession(NewSession.forOwner(OWNER).id("given-id-1").key("other").build()).id())
        .isEqualTo("given-id-1");
  }

  @Test
  void aDeletedSessionKeepsItsKeyUntilPurged() {
    ChatSession s = keyed(OWNER, "chat-7");
    ChatSession deleted = store().deleteSession(s.id());

    assertThat(deleted.key()).contains("chat-7");
    assertThat(store().findSessionByKey(OWNER, "chat-7")).contains(deleted);
    assertThat(store().findSessionByKey(OWNER, "chat-7").orElseThrow().isDeleted()).isTrue();
    assertConflict(() -> keyed(OWNER, "chat-7"), ConflictException.Reason.ALREADY_EXISTS);
    assertThat(store().restoreSession(s.id()).key()).contains("chat-7");

    store().purgeSession(s.id());

    assertThat(store().findSessionByKey(OWNER, "chat-7")).isEmpty();
    ChatSession again = keyed(OWNER, "chat-7");
    assertThat(again.id()).isNotEqualTo(s.id());
    assertThat(store().findSessionByKey(OWNER, "chat-7")).contains(again);
  }

  @Test
  void aForkHasNoKeyAndTheKeyStaysWithTheSource() {
    ChatSession s = keyed(OWNER, "source-key");
    Message m = store().append(s.id(), NewMessage.user("q"));

    ChatSession fork = store().fork(s.id(), m.id(), "branch");

    assertThat(fork.key()).isEmpty();
    assertThat(store().getSession(fork.id()).key()).isEmpty();
    assertThat(store().findSessionByKey(OWNER, "source-key")).map(ChatSession::id).contains(s.id());
    SessionSummary forkRow = summaries().stream().filter(r -> r.id().equals(fork.id())).findFirst().orElseThrow();
    assertThat(forkRow.key()).isEmpty();
  }

  @Test
  void theKeyOutlivesEveryChangeOfTheSession() {
    ChatSession s = keyed(OWNER, "stable");
    store().append(s.id(), NewMessage.user("q"));
    ChatSession updated = store().updateSession(s.id(), s.version(),
        SessionUpdate.title("renamed").withState("{\"k\":1}"));

    assertThat(updated.key()).contains("stable");
    assertThat(store().findSessionByKey(OWNER, "stable")).contains(updated);
  }

  @Test
  void summariesCarryTheKeyAndTheCreationTime() {
    ChatSession keyedSession = store().createSession(NewSession.forOwner(OWNER).title("k").key("listed-key").build());
    ChatSession plain = newSession();
    tick();
    store().append(keyedSession.id(), NewMessage.user("later"));

    Map<String, SessionSummary> rows = new LinkedHashMap<>();
    summaries().forEach(r -> rows.put(r.id(), r));

    assertThat(rows.get(keyedSession.id()).key()).contains("listed-key");
    assertThat(rows.get(plain.id()).key()).isEmpty();
    assertThat(rows.get(keyedSession.id()).createdAt()).isEqualTo(keyedSession.createdAt());
    assertThat(rows.get(plain.id()).createdAt()).isEqualTo(plain.createdAt());
    assertThat(rows.get(keyedSession.id()).updatedAt()).isAfter(rows.get(keyedSession.id()).createdAt());
  }

  private List<SessionSummary> summaries() {
    return store().listSessions(SessionQuery.forOwner(OWNER).includeDeleted(true).limit(100).build()).items();
  }

  @Test
  void onlyOneOfManyConcurrentCreatesWithOneKeyWins() {
    List<Callable<Optional<ChatSession>>> tasks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      tasks.add(() -> {
        try {
          return Optional.of(keyed(OWNER, "raced"));
        } catch (ConflictException e) {
          assertThat(e.reason()).isEqualTo(ConflictException.Reason.ALREADY_EXISTS);
          return Optional.empty();
        }
      });
    }

    List<Optional<ChatSession>> results = Concurrently.run(tasks);

    List<ChatSession> winners = results.stream().flatMap(Optional::stream).toList();
    assertThat(winners).hasSize(1);
    assertThat(summaries()).extracting(SessionSummary::id).containsExactly(winners.get(0).id());
    assertThat(store().findSessionByKey(OWNER, "raced")).map(ChatSession::id).contains(winners.get(0).id());
  }

  @Test
  void anotherInstanceFindsKeysAndRefusesTheirDuplicates() {
    SessionStore second = secondInstance();
    ChatSession s = keyed(OWNER, "../shared 😀");

    assertThat(second.findSessionByKey(OWNER, "../shared 😀")).map(ChatSession::id).contains(s.id());
    assertConflict(() -> second.createSession(NewSession.forOwner(OWNER).key("../shared 😀").build()),
        ConflictException.Reason.ALREADY_EXISTS);
    assertThat(store().listSessions(SessionQuery.of(OWNER)).items()).hasSize(1);
  }

  @Test
  void keysSurviveAReopenAndStayUnique() {
    requires(StoreCapability.REOPEN);
    Map<String, String> ids = new LinkedHashMap<>();
    for (String key : hostileKeys()) {
      ids.put(key, keyed(OWNER, key).id());
    }
    ChatSession deleted = store().deleteSession(keyed(OWNER, "deleted").id());

    SessionStore reopened = reopen();

    forEachInput(hostileKeys(), key ->
        assertThat(reopened.findSessionByKey(OWNER, key).map(ChatSession::id)).contains(ids.get(key)));
    assertThat(reopened.findSessionByKey(OWNER, "deleted")).contains(deleted);
    assertConflict(() -> reopened.createSession(NewSession.forOwner(OWNER).key("../x").build()),
        ConflictException.Reason.ALREADY_EXISTS);
    reopened.purgeSession(ids.get("%_"));
    assertThat(reopened.findSessionByKey(OWNER, "%_")).isEmpty();
    assertThat(reopened.createSession(NewSession.forOwner(OWNER).key("%_").build()).key()).contains("%_");
  }
}
