package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.SessionUpdate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How conversation keys are stored and matched: hostile text is a value like any other (bound, never
 * put into SQL), keys match exactly and only the owner's, a key taken is refused with nothing written
 * until its session is purged, and forks get none.
 */
abstract class SessionKeysTestBase extends OpenStoreTestBase {
  /** Keys that would hurt if they reached SQL text, a LIKE pattern or a file name, or were folded. */
  static final List<String> HOSTILE = List.of("../x", "..\\..\\x", "'; DROP TABLE chatstore_sessions; --",
      "' OR '1'='1", "%", "_", "%_", "a%", "\\", "\"q\"", "a\u0000b", "\u0000", "\uD83D\uDE00",
      "\uD83D\uDE00".repeat(128), "k".repeat(NewSession.MAX_KEY_LENGTH), "\uF8E0\uF8E2\uF8F1", " padded ",
      "padded", "Key", "key", "KEY", "\u0130", "i\u0307", "stra\u00DFe", "STRASSE", "user-42:support",
      "line\nbreak");

  @Test
  void hostileKeysAreStoredAsGivenAndMatchedExactly() throws Exception {
    Map<String, ChatSession> byKey = new LinkedHashMap<>();
    for (String key : HOSTILE) {
      byKey.put(key, store.createSession(NewSession.forOwner("o").title(key).key(key).build()));
    }

    assertThat(db.tables()).contains("chatstore_sessions");
    assertThat(db.column("SELECT COUNT(*) FROM chatstore_sessions")).containsExactly(String.valueOf(HOSTILE.size()));
    byKey.forEach((key, session) -> {
      assertThat(session.key()).contains(key);
      assertThat(store.findSessionByKey("o", key)).as(key).contains(session);
      assertThat(store.findSessionByKey("other", key)).as(key).isEmpty();
    });
    assertThat(store.findSessionByKey("o", "k")).isEmpty();
    assertThat(store.findSessionByKey("o", "KEY ")).isEmpty();
    assertThat(store.findSessionByKey("o", "k".repeat(NewSession.MAX_KEY_LENGTH - 1))).isEmpty();
    List<SessionSummary> listed = store.listSessions(SessionQuery.forOwner("o").limit(100).build()).items();
    assertThat(listed).allSatisfy(summary -> assertThat(summary.key()).contains(summary.title()));
    assertThat(listed).hasSize(HOSTILE.size());
  }

  @Test
  void theSameKeyUnderTwoOwnersIsTwoSessions() {
    for (String owner : List.of("a", "b", "o'; --", "\uF8E0".repeat(256))) {
      ChatSession s = store.createSession(NewSession.forOwner(owner).key("\uF8E1".repeat(256)).build());
      assertThat(store.findSessionByKey(owner, "\uF8E1".repeat(256))).contains(s);
    }
    assertThat(store.findSessionByKey("c", "\uF8E1".repeat(256))).isEmpty();
  }

  @Test
  void aKeyItsOwnerUsesIsRefusedWithNothingWrittenUntilItsSessionIsPurged() throws Exception {
    ChatSession first = store.createSession(NewSession.forOwner("o").key("support").build());
    store.append(first.id(), NewMessage.user("hi"));

    assertConflict(NewSession.forOwner("o").key("support").title("second").build());
    assertConflict(NewSession.forOwner("o").id("given-id").key("support").build());
    assertThat(store.findSession("given-id")).isEmpty();
    assertThat(db.column("SELECT COUNT(*) FROM chatstore_sessions")).containsExactly("1");

    store.deleteSession(first.id()); // deleted, the key stays its session's
    assertConflict(NewSession.forOwner("o").key("support").build());
    assertThat(store.findSessionByKey("o", "support")).hasValueSatisfying(s -> assertThat(s.isDeleted()).isTrue());
    store.restoreSession(first.id());

    store.purgeSession(first.id());
    assertThat(store.findSessionByKey("o", "support")).isEmpty();
    ChatSession again = store.createSession(NewSession.forOwner("o").key("support").build());
    assertThat(store.findSessionByKey("o", "support")).contains(again);
  }

  @Test
  void aTakenIdIsStillReportedAsTheId() {
    store.createSession(NewSession.forOwner("o").id("same").build());
    assertThatThrownBy(() -> store.createSession(NewSession.forOwner("o").id("same").key("fresh").build()))
        .isInstanceOfSatisfying(ConflictException.class,
            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ALREADY_EXISTS))
        .hasMessageContaining("id same");
    assertThat(store.findSessionByKey("o", "fresh")).isEmpty();
  }

  @Test
  void aForkHasNoKeyAndChangesKeepIt() {
    ChatSession s = store.createSession(NewSession.forOwner("o").key("k").build());
    Message m = store.append(s.id(), NewMessage.user("hi"));

    ChatSession fork = store.fork(s.id(), m.id(), "fork");
    ChatSession renamed = store.updateSession(s.id(), s.version(), SessionUpdate.title("renamed"));

    assertThat(fork.key()).isEmpty();
    assertThat(store.getSession(fork.id()).key()).isEmpty();
    assertThat(renamed.key()).contains("k");
    assertThat(store.deleteSession(s.id()).key()).contains("k");
    assertThat(store.findSessionByKey("o", "k")).map(ChatSession::id).contains(s.id());
  }

  @Test
  void aBadKeyIsRefusedBeforeAnyRead() {
    assertThatThrownBy(() -> store.findSessionByKey("o", "k".repeat(NewSession.MAX_KEY_LENGTH + 1)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("key"));
    assertThatThrownBy(() -> store.findSessionByKey("o", " "))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("key"));
    assertThatThrownBy(() -> store.findSessionByKey("o", "\uD800"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("key"));
  }

  @Test
  void findingByKeyIsOneLookupInTheKeyIndex() throws Exception {
    assertThat(plan("SELECT id FROM chatstore_sessions WHERE owner_id = ? AND conversation_key = ?"))
        .containsIgnoringCase("chatstore_sessions_owner_key");
  }

  /** The plan the database picks for {@code query}, whose two parameters are bound to text. */
  abstract String plan(String query) throws Exception;

  private void assertConflict(NewSession session) {
    assertThatThrownBy(() -> store.createSession(session))
        .isInstanceOfSatisfying(ConflictException.class,
            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ALREADY_EXISTS))
        .hasMessageContaining("key");
  }
}
