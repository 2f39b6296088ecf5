package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.PageRequest;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolResult;
import dev.chatstore.UnknownPart;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every null argument is refused with InvalidInputException naming the parameter, and writes nothing.
 */
public abstract class NullArgumentsContract extends ContractArea {

  protected NullArgumentsContract(SessionStoreContract contract) {
    super(contract);
  }

  @Test
  void sessionOperations() {
    ChatSession s = newSession();
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    assertInvalid(() -> store().createSession(null), "session");
    assertInvalid(() -> store().findSession(null), "sessionId");
    assertInvalid(() -> store().getSession(null), "sessionId");
    assertInvalid(() -> store().findSessionByKey(null, "k"), "ownerId");
    assertInvalid(() -> store().findSessionByKey(OWNER, null), "key");
    assertInvalid(() -> store().listSessions(null), "query");
    assertInvalid(() -> store().latestSession(null), "ownerId");
    assertInvalid(() -> store().updateSession(null, 1, SessionUpdate.title("x")), "sessionId");
    assertInvalid(() -> store().updateSession(s.id(), 1, null), "update");
    assertInvalid(() -> store().deleteSession(null), "sessionId");
    assertInvalid(() -> store().restoreSession(null), "sessionId");
    assertInvalid(() -> store().purgeSession(null), "sessionId");

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }

  @Test
  void messageOperations() {
    ChatSession s = newSession();
    Message m = store().append(s.id(), NewMessage.user("x"));
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    assertInvalid(() -> store().append(null, NewMessage.user("x")), "sessionId");
    assertInvalid(() -> store().append(s.id(), null), "message");
    assertInvalid(() -> store().appendAll(null, List.of(NewMessage.user("x"))), "sessionId");
    assertInvalid(() -> store().appendAll(s.id(), null), "messages");
    assertInvalid(() -> store().appendAll(s.id(), Arrays.asList(NewMessage.user("ok"), null)), "messages[1]");
    assertInvalid(() -> store().findMessage(null, m.id()), "sessionId");
    assertInvalid(() -> store().findMessage(s.id(), null), "messageId");
    assertInvalid(() -> store().getMessage(s.id(), null), "messageId");
    assertInvalid(() -> store().messages(null, MessageQuery.latest(1)), "sessionId");
    assertInvalid(() -> store().messages(s.id(), null), "query");
    assertInvalid(() -> store().recentMessages(null, 1), "sessionId");
    assertInvalid(() -> store().updateMessage(null, m.id(), MessageUpdate.status(MessageStatus.ERROR)), "sessionId");
    assertInvalid(() -> store().updateMessage(s.id(), null, MessageUpdate.status(MessageStatus.ERROR)), "messageId");
    assertInvalid(() -> store().updateMessage(s.id(), m.id(), null), "update");
    assertInvalid(() -> store().searchMessages(null, "x", PageRequest.first(1)), "ownerId");
    assertInvalid(() -> store().searchMessages(OWNER, null, PageRequest.first(1)), "text");
    assertInvalid(() -> store().searchMessages(OWNER, "x", null), "page");
    assertInvalid(() -> store().toolExecutions(null), "sessionId");

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }

  @Test
  void streamForkAndRecoveryOperations() {
    ChatSession s = newSession();
    Message m = store().append(s.id(), NewMessage.user("x"));
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    assertInvalid(() -> store().openStream(null, StreamOptions.assistant()), "sessionId");
    assertInvalid(() -> store().openStream(s.id(), (StreamOptions) null), "options");
    assertInvalid(() -> store().openStream(s.id(), (Role) null), "role");
    assertInvalid(() -> store().fork(null, m.id(), "t"), "sessionId");
    assertInvalid(() -> store().fork(s.id(), null, "t"), "upToMessageId");
    assertInvalid(() -> store().fork(s.id(), m.id(), null), "title");
    assertInvalid(() -> store().recoverAbandonedStreams(null), "idleFor");

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }

  @Test
  void partsAttributesNamesAndKeysRefuseNullByName() {
    assertInvalid(() -> NewSession.forOwner(OWNER).key(null), "key");
    assertInvalid(() -> NewMessage.builder(Role.USER).part(null), "part");
    assertInvalid(() -> NewMessage.builder(Role.USER).parts(null), "parts");
    assertInvalid(() -> NewMessage.builder(Role.USER).parts(Arrays.asList(Part.text("a"), null)), "parts[1]");
    assertInvalid(() -> NewMessage.builder(Role.USER).attributes(null), "attributesJson");
    assertInvalid(() -> NewMessage.builder(Role.USER).name(null), "name");
    assertInvalid(() -> NewMessage.builder(Role.TOOL).toolResults(null), "toolResults");
    assertInvalid(() -> NewMessage.tool((List<ToolResult>) null), "toolResults");
    assertInvalid(() -> Part.text(null), "part.text");
    assertInvalid(() -> MediaPart.inline("image/png", null), "part.bytes");
    assertInvalid(() -> MediaPart.reference("image/png", null), "part.uri");
    assertInvalid(() -> ReasoningPart.signed("t", null), "part.signature");
    assertInvalid(() -> new UnknownPart("later", null), "part.unknownFields");
  }

  @Test
  void streamCallsRefuseNullAndStayUsable() {
    ChatSession s = newSession();
    try (MessageStream stream = store().openStream(s.id(), Role.ASSISTANT)) {
      stream.append("kept");
      assertInvalid(() -> stream.append(null));
      assertInvalid(() -> stream.addToolCall(null));
      assertInvalid(() -> stream.fail(null));
      assertInvalid(() -> stream.complete(null));

      Message done = stream.complete();
      assertThat(done.content()).isEqualTo("kept");
      assertThat(done.status()).isEqualTo(MessageStatus.COMPLETE);
    }
  }
}
