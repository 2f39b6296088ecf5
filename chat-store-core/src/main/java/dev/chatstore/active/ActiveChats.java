package dev.chatstore.active;

import dev.chatstore.ConflictException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.spi.Checks;
import dev.chatstore.internal.active.EventQueue;
import dev.chatstore.manager.SessionManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The chats an application has open at once, keyed by session id or by a draft key, each with its
 * attached tools and context items. A draft is promoted to its session's key once its first message
 * is stored ({@link #promote} or {@link #saveDraft}), keeping what was attached.
 *
 * <p>Thread-safe: a UI thread may read while a model thread writes. Reads never block and always see
 * a whole change (each open chat is an immutable {@link ActiveChat}); writes are serialized.
 * Listeners hear every change in the order it was made (see {@link ActiveChatsListener}).
 *
 * <p>Throws {@link ChatNotOpenException} for a key that is not open, {@link ConflictException}
 * ({@code ALREADY_EXISTS}) when promoting onto a key that is already open, and
 * {@link InvalidInputException} for bad arguments or a chat past its limits.
 */
public final class ActiveChats {
  private final Object lock = new Object();
  private final EventQueue<ActiveChatEvent> events = new EventQueue<>();
  // Copy-on-write: readers take the current map without locking; writers replace it under the lock.
  private volatile Map<ChatKey, ActiveChat> chats = Map.of();

  /** Opens an empty chat under {@code key}, or returns the one already open (then nothing is heard). */
  public ActiveChat open(ChatKey key) {
    Checks.notNull(key, "key");
    ActiveChat chat;
    synchronized (lock) {
      ActiveChat existing = chats.get(key);
      if (existing != null) {
        return existing;
      }
      chat = ActiveChat.empty(key);
      publish(with(key, chat), new ActiveChatEvent.Opened(chat));
    }
    events.deliver();
    return chat;
  }

  /** Opens a new draft chat under a fresh key. */
  public ActiveChat openDraft() {
    return open(ChatKey.newDraft());
  }

  public Optional<ActiveChat> find(ChatKey key) {
    return Optional.ofNullable(chats.get(Checks.notNull(key, "key")));
  }

  /** The open chat, or {@link ChatNotOpenException}. */
  public ActiveChat get(ChatKey key) {
    return find(key).orElseThrow(() -> new ChatNotOpenException(key));
  }

  public boolean isOpen(ChatKey key) {
    return chats.containsKey(Checks.notNull(key, "key"));
  }

  /** Every open chat, in the order they were opened. */
  public List<ActiveChat> all() {
    return List.copyOf(chats.values());
  }

  /** Closes the chat and returns what it held last; empty if it was not open. */
  public Optional<ActiveChat> close(ChatKey key) {
    Checks.notNull(key, "key");
    ActiveChat closed;
    synchronized (lock) {
      closed = chats.get(key);
      if (closed == null) {
        return Optional.empty();
      }
      Map<ChatKey, ActiveChat> next = new LinkedHashMap<>(chats);
      next.remove(key);
      publish(next, new ActiveChatEvent.Closed(closed));
    }
    events.deliver();
    return Optional.of(closed);
  }

  /** Attaches a tool, replacing an attached tool of the same name. */
  public ActiveChat attachTool(ChatKey key, ToolSpec tool) {
    Checks.notNull(tool, "tool");
    return update(key, chat -> chat.withTool(tool));
  }

  public ActiveChat detachTool(ChatKey key, String toolName) {
    Checks.notNull(toolName, "toolName");
    return update(key, chat -> chat.withoutTool(toolName));
  }

  /** Adds a context item, replacing the item of the same id. */
  public ActiveChat addContext(ChatKey key, ContextItem item) {
    Checks.notNull(item, "item");
    return update(key, chat -> chat.withContextItem(item));
  }

  public ActiveChat removeContext(ChatKey key, String itemId) {
    Checks.notNull(itemId, "itemId");
    return update(key, chat -> chat.withoutContextItem(itemId));
  }

  /**
   * Replaces the chat with {@code change} applied to it, atomically with respect to other writers.
   * {@code change} runs under the write lock, so it must be quick; it may not change the key.
   * Listeners hear a {@link ActiveChatEvent.Changed} unless the result equals the chat as it was.
   */
  public ActiveChat update(ChatKey key, UnaryOperator<ActiveChat> change) {
    Checks.notNull(key, "key");
    Checks.notNull(change, "change");
    ActiveChat after;
    synchronized (lock) {
      ActiveChat before = chats.get(key);
      if (before == null) {
        throw new ChatNotOpenException(key);
      }
      after = Checks.notNull(change.apply(before), "change result");
      if (!after.key().equals(key)) {
        throw new InvalidInputException("change", "may not change the chat's key (use promote)");
      }
      if (after.equals(before)) {
        return before;
      }
      publish(with(key, after), new ActiveChatEvent.Changed(before, after));
    }
    events.deliver();
    return after;
  }

  /**
   * Moves a draft to its session's key, keeping its tools and context and its place in the order;
   * listeners hear {@link ActiveChatEvent.Promoted}. Call it once the draft's first message is stored.
   */
  public ActiveChat promote(ChatKey draftKey, String sessionId) {
    Checks.notNull(draftKey, "draftKey");
    ChatKey target = ChatKey.session(sessionId);
    if (!draftKey.isDraft()) {
      throw new InvalidInputException("draftKey", "must be a draft key, was " + draftKey);
    }
    ActiveChat promoted;
    synchronized (lock) {
      ActiveChat draft = chats.get(draftKey);
      if (draft == null) {
        throw new ChatNotOpenException(draftKey);
      }
      if (chats.containsKey(target)) {
        throw new ConflictException(ConflictException.Reason.ALREADY_EXISTS,
            "cannot promote " + draftKey + ": " + target + " is already open");
      }
      promoted = draft.withKey(target);
      Map<ChatKey, ActiveChat> next = new LinkedHashMap<>();
      chats.forEach((k, v) -> next.put(k.equals(draftKey) ? target : k, k.equals(draftKey) ? promoted : v));
      publish(next, new ActiveChatEvent.Promoted(draftKey, promoted));
    }
    events.deliver();
    return promoted;
  }

  /**
   * Stores a draft's first message as a new session through {@code manager} (which makes it its
   * current session and titles it from the message), then promotes the draft to it. If storing fails
   * the draft stays open as it was.
   */
  public Message saveDraft(ChatKey draftKey, SessionManager manager, NewMessage firstMessage) {
    Checks.notNull(manager, "manager");
    Checks.notNull(firstMessage, "firstMessage");
    if (!Checks.notNull(draftKey, "draftKey").isDraft()) {
      throw new InvalidInputException("draftKey", "must be a draft key, was " + draftKey);
    }
    get(draftKey); // refuse before writing anything
    Message first = manager.startWith(firstMessage);
    promote(draftKey, first.sessionId());
    return first;
  }

  /** Registers a listener for every later change. */
  public Subscription addListener(ActiveChatsListener listener) {
    Checks.notNull(listener, "listener");
    Runnable remove = events.add(listener::onEvent);
    return remove::run;
  }

  private Map<ChatKey, ActiveChat> with(ChatKey key, ActiveChat chat) {
    Map<ChatKey, ActiveChat> next = new LinkedHashMap<>(chats);
    next.put(key, chat);
    return next;
  }

  // Holds the lock: the new map and its event become visible in the same order.
  private void publish(Map<ChatKey, ActiveChat> next, ActiveChatEvent event) {
    chats = Collections.unmodifiableMap(next);
    events.enqueue(event);
  }

  @Override
  public String toString() {
    return "ActiveChats" + new ArrayList<>(chats.keySet());
  }
}
