package dev.chatstore.active;

import dev.chatstore.NotFoundException;

/** No chat is open under the given key in this {@link ActiveChats}. */
public final class ChatNotOpenException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  public ChatNotOpenException(ChatKey key) {
    super("no open chat: " + key, key.id());
  }
}
