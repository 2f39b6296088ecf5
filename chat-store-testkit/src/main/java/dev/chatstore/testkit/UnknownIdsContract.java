package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertMessageNotFound;
import static dev.chatstore.testkit.ContractAssertions.assertSessionNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Well-formed ids that name nothing: {@code find…} gives Optional.empty(), everything else throws
 * SessionNotFoundException / MessageNotFoundException naming the id, and nothing is written.
 */
public abstract class UnknownIdsContract extends ContractArea {
  private static final String NO_SESSION = "0190a5e2-0000-7000-8000-000000000000";
  private static final String NO_MESSAGE = "no-such-message";

  protected UnknownIdsContract(SessionStoreContract contract) {
    super(contract);
  }

  @Test
  void findGivesEmpty() {
    ChatSession s = newSession();
    assertThat(store().findSession(NO_SESSION)).isEmpty();
    assertThat(store().findMessage(s.id(), NO_MESSAGE)).isEmpty();
    assertThat(store().findMessage(NO_SESSION, NO_MESSAGE)).isEmpty();
  }

  @Test
  void everyOtherSessionOperationThrowsSessionNotFound() {
    ChatSession s = newSession();
    Message m = store().append(s.id(), NewMessage.user("x"));
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    assertSessionNotFound(() -> store().getSession(NO_SESSION), NO_SESSION);
    assertSessionNotFound(() -> store().updateSession(NO_SESSION, 1, SessionUpdate.title("x")), NO_SESSION);
    assertSessionNotFound(() -> store().deleteSession(NO_SESSION), NO_SESSION);
    assertSessionNotFound(() -> store().restoreSession(NO_SESSION), NO_SESSION);
    assertSessionNotFound(() -> store().purgeSession(NO_SESSION), NO_SESSION);
    assertSessionNotFound(() -> store().append(NO_SESSION, NewMessage.user("x")), NO_SESSION);
    assertSessionNotFound(() -> store().appendAll(NO_SESSION, List.of(NewMessage.user("x"))), NO_SESSION);
    assertSessionNotFound(() -> store().messages(NO_SESSION, MessageQuery.latest(5)), NO_SESSION);
    assertSessionNotFound(() -> store().recentMessages(NO_SESSION, 5), NO_SESSION);
    assertSessionNotFound(() -> store().updateMessage(NO_SESSION, m.id(),
        MessageUpdate.status(MessageStatus.ERROR)), NO_SESSION);
    assertSessionNotFound(() -> store().toolExecutions(NO_SESSION), NO_SESSION);
    assertSessionNotFound(() -> store().openStream(NO_SESSION, Role.ASSISTANT), NO_SESSION);
    assertSessionNotFound(() -> store().fork(NO_SESSION, m.id(), "t"), NO_SESSION);
    assertSessionNotFound(() -> store().fork(NO_SESSION, m.id()), NO_SESSION);

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }

  @Test
  void unknownMessagesThrowMessageNotFoundNamingTheSession() {
    ChatSession s = newSession();
    store().append(s.id(), NewMessage.user("x"));
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    MessageNotFoundException get = assertMessageNotFound(() -> store().getMessage(s.id(), NO_MESSAGE), NO_MESSAGE);
    assertThat(get.sessionId()).isEqualTo(s.id());
    MessageNotFoundException update = assertMessageNotFound(() -> store().updateMessage(s.id(), NO_MESSAGE,
        MessageUpdate.status(MessageStatus.ERROR)), NO_MESSAGE);
    assertThat(update.sessionId()).isEqualTo(s.id());
    assertMessageNotFound(() -> store().fork(s.id(), NO_MESSAGE, "t"), NO_MESSAGE);

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }

  @Test
  void ownersWithNothingHaveNothing() {
    assertThat(store().latestSession("stranger")).isEmpty();
    assertThat(store().listSessions(SessionQuery.of("stranger")).items()).isEmpty();
    assertThat(store().searchMessages("stranger", "x", PageRequest.first(10)).items()).isEmpty();
  }
}
