package dev.chatstore.active;

/**
 * Hears every change to an {@link ActiveChats}, in the order the changes were made. Called on a
 * thread that made a change, never while a lock is held, so it may read or change the chats itself
 * (its own changes are delivered after it returns). An exception it throws is logged and does not
 * stop other listeners.
 */
@FunctionalInterface
public interface ActiveChatsListener {
  void onEvent(ActiveChatEvent event);
}
