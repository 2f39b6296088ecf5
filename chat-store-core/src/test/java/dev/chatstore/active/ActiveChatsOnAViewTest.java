package dev.chatstore.active;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionStore;
import dev.chatstore.manager.SessionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ActiveChats saving drafts through a manager over an owner view: the chats are the owner's alone. */
class ActiveChatsOnAViewTest {
  private final SessionStore store = SessionStore.inMemory();
  private final SessionManager alice = SessionManager.of(store.forOwner("alice"), "alice");
  private final ActiveChats chats = new ActiveChats();

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aSavedDraftIsTheViewOwnersChat() {
    ChatKey draft = chats.openDraft().key();
    chats.attachTool(draft, ToolSpec.withoutArguments("clock", "The time"));

    Message first = chats.saveDraft(draft, alice, NewMessage.user("What time is it?"));

    assertThat(store.getSession(first.sessionId()).ownerId()).isEqualTo("alice");
    assertThat(chats.get(ChatKey.session(first.sessionId())).tools()).extracting(ToolSpec::name)
        .containsExactly("clock");
  }

  @Test
  void anotherOwnersChatCannotBeResumedIntoAnOpenChat() {
    ChatSession bobs = store.createSession(NewSession.forOwner("bob").build());
    store.append(bobs.id(), NewMessage.user("bob's"));
    ChatKey draft = chats.openDraft().key();
    chats.saveDraft(draft, alice, NewMessage.user("alice's"));

    assertThatThrownBy(() -> alice.resume(bobs.id())).isInstanceOf(SessionNotFoundException.class);
    assertThat(alice.append(NewMessage.user("still alice's")).sessionId()).isNotEqualTo(bobs.id());
    assertThat(store.getSession(bobs.id()).messageCount()).isEqualTo(1);
  }
}
