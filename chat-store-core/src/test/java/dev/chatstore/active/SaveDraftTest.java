package dev.chatstore.active;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.SessionStore;
import dev.chatstore.StoreLimits;
import dev.chatstore.internal.memory.InMemorySessionStore;
import dev.chatstore.manager.SessionManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A draft becomes a stored chat with its first message, keeping what was attached to it. */
class SaveDraftTest {
  @Test
  void theFirstMessagePromotesTheDraftToItsSession() {
    try (SessionStore store = SessionStore.inMemory()) {
      SessionManager manager = SessionManager.of(store, "alice");
      ActiveChats chats = new ActiveChats();
      List<ActiveChatEvent> heard = new ArrayList<>();
      chats.addListener(heard::add);
      ChatKey draft = chats.openDraft().key();
      chats.attachTool(draft, ToolSpec.withoutArguments("clock", "The time"));
      chats.addContext(draft, new ContextItem("f1", "file", "notes.txt"));

      Message first = chats.saveDraft(draft, manager, NewMessage.user("What time is it in Tokyo?"));

      ChatKey saved = ChatKey.session(first.sessionId());
      assertThat(chats.isOpen(draft)).isFalse();
      assertThat(chats.get(saved).tools()).extracting(ToolSpec::name).containsExactly("clock");
      assertThat(chats.get(saved).contextItem("f1")).isPresent();
      assertThat(store.getSession(first.sessionId()).title()).isEqualTo("What time is it in Tokyo?");
      assertThat(heard.get(heard.size() - 1)).isInstanceOf(ActiveChatEvent.Promoted.class);
    }
  }

  @Test
  void aRefusedFirstMessageKeepsTheDraftAndStoresNothing() {
    try (SessionStore store = InMemorySessionStore.builder()
        .limits(StoreLimits.defaults().withMaxContentChars(3)).build()) {
      SessionManager manager = SessionManager.of(store, "alice");
      ActiveChats chats = new ActiveChats();
      ChatKey draft = chats.openDraft().key();
      assertThatThrownBy(() -> chats.saveDraft(draft, manager, NewMessage.user("too long")))
          .isInstanceOf(InvalidInputException.class);
      assertThat(chats.isOpen(draft)).isTrue();
      assertThat(store.latestSession("alice")).isEmpty();
      assertThatThrownBy(() -> chats.saveDraft(ChatKey.session("s-1"), manager, NewMessage.user("x")))
          .isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> chats.saveDraft(ChatKey.newDraft(), manager, NewMessage.user("x")))
          .isInstanceOf(ChatNotOpenException.class);
    }
  }
}
