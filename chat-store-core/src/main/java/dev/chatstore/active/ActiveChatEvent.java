package dev.chatstore.active;

/** A change to the set of open chats, as {@link ActiveChatsListener}s hear it. */
public sealed interface ActiveChatEvent {
  /** The key of the chat the event is about (after the event, for a promotion). */
  ChatKey key();

  /** A chat was opened (with nothing attached). */
  record Opened(ActiveChat chat) implements ActiveChatEvent {
    @Override
    public ChatKey key() {
      return chat.key();
    }
  }

  /** A chat was closed; {@code chat} is what it held last. */
  record Closed(ActiveChat chat) implements ActiveChatEvent {
    @Override
    public ChatKey key() {
      return chat.key();
    }
  }

  /** A chat's tools or context changed. */
  record Changed(ActiveChat before, ActiveChat after) implements ActiveChatEvent {
    @Override
    public ChatKey key() {
      return after.key();
    }
  }

  /** A draft got its session: {@code chat} now lives under the session key with the draft's tools and context. */
  record Promoted(ChatKey draftKey, ActiveChat chat) implements ActiveChatEvent {
    @Override
    public ChatKey key() {
      return chat.key();
    }
  }
}
