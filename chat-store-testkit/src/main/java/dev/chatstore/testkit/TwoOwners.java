package dev.chatstore.testkit;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageStream;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.ToolExecution;
import java.util.ArrayList;
import java.util.List;

/**
 * Two owners' chats in one store, written through the store itself: owner A ({@code a}) with one
 * session, and owner B with a keyed session holding a user message that was revised, a tool call and
 * its result and an open, flushed stream ({@code b}), and a deleted session ({@code bDeleted}). Every
 * text holds the word "secret", so a search that leaks finds it. Not thread-safe: one per test.
 *
 * @param a A's session
 * @param aMessage A's one message
 * @param b B's session, keyed {@link #B_KEY}
 * @param bMessages every message of {@code b}: the revised user message, the call, the result, the stream's
 * @param bStream the stream open on {@code b}, its text flushed
 * @param bDeleted B's soft-deleted session
 * @param bDeletedMessage the one message of {@code bDeleted}
 */
public record TwoOwners(ChatSession a, Message aMessage, ChatSession b, List<Message> bMessages, MessageStream bStream,
    ChatSession bDeleted, Message bDeletedMessage) {

  /** The conversation key of B's session. */
  public static final String B_KEY = "b-key";

  /** Writes both owners' chats into {@code store}: A is {@code ownerA}, B is {@code ownerB}. */
  public static TwoOwners in(SessionStore store, String ownerA, String ownerB) {
    ChatSession a = store.createSession(NewSession.forOwner(ownerA).title("a's secret chat").build());
    Message aMessage = store.append(a.id(), NewMessage.user("a's secret plan"));

    ChatSession b = store.createSession(NewSession.forOwner(ownerB).title("b's secret chat").key(B_KEY).build());
    List<Message> bMessages = new ArrayList<>();
    Message asked = store.append(b.id(), NewMessage.user("b's secret question"));
    bMessages.add(store.updateMessage(b.id(), asked.id(), MessageUpdate.content("b's secret question, revised")));
    bMessages.add(store.append(b.id(), Fixtures.assistantCalling(Fixtures.call("call_1", "lookup"))));
    bMessages.add(store.append(b.id(), Fixtures.toolAnswer("call_1", "lookup")));
    MessageStream stream = store.openStream(b.id(), Role.ASSISTANT);
    stream.append("b's secret answer, streaming");
    stream.flush();
    bMessages.add(store.getMessage(b.id(), stream.messageId()));

    ChatSession bDeleted = store.createSession(NewSession.forOwner(ownerB).title("b's deleted secret").build());
    Message bDeletedMessage = store.append(bDeleted.id(), NewMessage.user("b's deleted secret"));
    store.deleteSession(bDeleted.id());
    return new TwoOwners(store.getSession(a.id()), aMessage, store.getSession(b.id()), List.copyOf(bMessages),
        stream, store.getSession(bDeleted.id()), bDeletedMessage);
  }

  /** B's session ids, each with one of its message ids: what another owner's view is tried with. */
  public List<List<String>> bIds() {
    List<List<String>> ids = new ArrayList<>();
    for (Message m : bMessages) {
      ids.add(List.of(b.id(), m.id()));
    }
    ids.add(List.of(bDeleted.id(), bDeletedMessage.id()));
    return ids;
  }

  /** All B has, as read back: equal twice iff nothing of B's changed in between. */
  public record OwnerData(StoreSnapshot snapshot, List<List<MessageRevision>> revisions, List<ToolExecution> tools) {}

  /** Everything of B's, read through {@code store}: sessions, messages, revisions and tool pairs. */
  public OwnerData bData(SessionStore store, String ownerB) {
    List<List<MessageRevision>> revisions = new ArrayList<>();
    for (Message m : bMessages) {
      revisions.add(store.messageRevisions(b.id(), m.id()));
    }
    List<ToolExecution> tools = store.toolExecutions(b.id());
    return new OwnerData(StoreSnapshot.of(store, ownerB), revisions, tools);
  }
}
