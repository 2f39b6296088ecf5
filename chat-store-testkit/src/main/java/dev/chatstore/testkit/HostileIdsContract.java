package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StreamOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ids of the wrong shape (path tricks, NUL, device names, too long) are refused with
 * InvalidInputException naming the argument, on reads as on writes; ids, owners and projects of the
 * right shape but unusual content work.
 */
public abstract class HostileIdsContract extends ContractArea {

  protected HostileIdsContract(SessionStoreContract contract) {
    super(contract);
  }

  @Test
  void aBadSessionIdIsRefusedEverywhere() {
    ChatSession s = newSession();
    Message m = store().append(s.id(), NewMessage.user("x"));
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    forEachInput(HostileText.badIds(), bad -> {
      assertInvalid(() -> store().findSession(bad), "sessionId");
      assertInvalid(() -> store().getSession(bad), "sessionId");
      assertInvalid(() -> store().updateSession(bad, 1, SessionUpdate.title("x")), "sessionId");
      assertInvalid(() -> store().deleteSession(bad), "sessionId");
      assertInvalid(() -> store().restoreSession(bad), "sessionId");
      assertInvalid(() -> store().purgeSession(bad), "sessionId");
      assertInvalid(() -> store().append(bad, NewMessage.user("x")), "sessionId");
      assertInvalid(() -> store().appendAll(bad, List.of(NewMessage.user("x"))), "sessionId");
      assertInvalid(() -> store().findMessage(bad, m.id()), "sessionId");
      assertInvalid(() -> store().messages(bad, MessageQuery.latest(5)), "sessionId");
      assertInvalid(() -> store().updateMessage(bad, m.id(), MessageUpdate.status(MessageStatus.ERROR)), "sessionId");
      assertInvalid(() -> store().toolExecutions(bad), "sessionId");
      assertInvalid(() -> store().openStream(bad, Role.ASSISTANT), "sessionId");
      assertInvalid(() -> store().fork(bad, m.id(), "t"), "sessionId");
    });

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }

  @Test
  void aBadMessageIdIsRefusedEverywhere() {
    ChatSession s = newSession();
    store().append(s.id(), NewMessage.user("x"));
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    forEachInput(HostileText.badIds(), bad -> {
      assertInvalid(() -> store().findMessage(s.id(), bad), "messageId");
      assertInvalid(() -> store().getMessage(s.id(), bad), "messageId");
      assertInvalid(() -> store().updateMessage(s.id(), bad, MessageUpdate.status(MessageStatus.ERROR)), "messageId");
      assertInvalid(() -> store().fork(s.id(), bad, "t"), "upToMessageId");
    });

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }

  @Test
  void aBadIdCannotEvenBeBuiltIntoAnInput() {
    forEachInput(HostileText.badIds(), bad -> {
      assertInvalid(() -> NewSession.forOwner(OWNER).id(bad), "id");
      assertInvalid(() -> NewMessage.builder(Role.USER).id(bad), "id");
      assertInvalid(() -> StreamOptions.assistant().withMessageId(bad), "messageId");
    });
  }

  @Test
  void blankOrControlCharacterOwnersAreRefused() {
    for (String bad : List.of("", " ", "\t", "owner\u0000x", "owner\nx", "x".repeat(257))) {
      assertInvalid(() -> NewSession.forOwner(bad), "ownerId");
      assertInvalid(() -> store().latestSession(bad), "ownerId");
      assertInvalid(() -> store().searchMessages(bad, "x", PageRequest.first(1)), "ownerId");
      assertInvalid(() -> NewSession.forOwner(OWNER).project(bad), "projectId");
    }
    assertThat(store().latestSession(OWNER)).isEmpty();
  }

  @Test
  void unusualButValidIdsOwnersAndProjectsWork() {
    String owner = "Ünïcødé owner 🙂 '; DROP TABLE sessions; -- %_\\";
    String project = "project/../with \"quotes\" and 🚀";
    for (String id : List.of("a", "x".repeat(128), "A-b_c.d", "_leading", "-dash", "CONSOLE", "con1", "com10")) {
      ChatSession s = store().createSession(NewSession.forOwner(owner).id(id).project(project).build());
      assertThat(store().getSession(id)).isEqualTo(s);
      Message m = store().append(id, NewMessage.builder(Role.USER).id(id).content("c").build());
      assertThat(store().getMessage(id, id)).isEqualTo(m);
    }
    assertThat(store().listSessions(SessionQuery.forOwner(owner).project(project).build()).items())
        .hasSize(8)
        .allSatisfy(x -> {
          assertThat(x.ownerId()).isEqualTo(owner);
          assertThat(x.projectId()).contains(project);
        });
    assertThat(store().latestSession(owner)).isPresent();
    assertThat(store().listSessions(SessionQuery.of(OWNER)).items()).isEmpty();
  }
}
