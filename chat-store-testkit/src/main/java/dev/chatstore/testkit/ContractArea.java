package dev.chatstore.testkit;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Page;
import dev.chatstore.SessionStore;
import dev.chatstore.StoreLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The base of each area of {@link SessionStoreContract}: access to the store under test, its hooks
 * and a few shortcuts the areas share. Not thread-safe: one instance per test.
 */
public abstract class ContractArea {
  /** The owner most tests write as. */
  protected static final String OWNER = "owner-a";
  /** Another owner, who must never see {@link #OWNER}'s data. */
  protected static final String OTHER_OWNER = "owner-b";

  private final SessionStoreContract contract;

  protected ContractArea(SessionStoreContract contract) {
    this.contract = contract;
  }

  protected final SessionStore store() {
    return contract.store();
  }

  /** Another live store on the same data; the test is skipped unless SECOND_INSTANCE is declared. */
  protected final SessionStore secondInstance() {
    return contract.secondInstance();
  }

  /** Closes the store and opens it again; the test is skipped unless REOPEN is declared. */
  protected final SessionStore reopen() {
    return contract.reopen();
  }

  protected final void requires(StoreCapability capability) {
    contract.requires(capability);
  }

  protected final StoreLimits limits() {
    return contract.limits();
  }

  /** A new empty session of {@link #OWNER}. */
  protected final ChatSession newSession() {
    return newSession(OWNER);
  }

  protected final ChatSession newSession(String ownerId) {
    return store().createSession(NewSession.forOwner(ownerId).build());
  }

  /** Appends USER messages "m1".."mN" one by one. */
  protected final List<Message> appendUsers(String sessionId, int count) {
    List<Message> appended = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      appended.add(store().append(sessionId, NewMessage.user("m" + i)));
    }
    return appended;
  }

  /** Every message of a session in seq order, read page by page from the start. */
  protected final List<Message> allMessages(String sessionId) {
    return allMessages(store(), sessionId);
  }

  protected static List<Message> allMessages(SessionStore store, String sessionId) {
    List<Message> all = new ArrayList<>();
    Page<Message> page = store.messages(sessionId, MessageQuery.earliest(MessageQuery.MAX_LIMIT));
    all.addAll(page.items());
    while (page.nextCursor().isPresent()) {
      page = store.messages(sessionId, MessageQuery.from(page.nextCursor().get(), MessageQuery.MAX_LIMIT));
      all.addAll(page.items());
    }
    return all;
  }

  /** The seqs of messages, in the order given. */
  protected static List<Long> seqs(List<Message> messages) {
    return messages.stream().map(Message::seq).toList();
  }

  /** The contents of messages, in the order given. */
  protected static List<String> contents(List<Message> messages) {
    return messages.stream().map(Message::content).toList();
  }

  /** 1..n as longs: what a gap-free seq run looks like. */
  protected static List<Long> oneTo(long n) {
    List<Long> all = new ArrayList<>();
    for (long i = 1; i <= n; i++) {
      all.add(i);
    }
    return all;
  }

  /**
   * Runs {@code check} for each input, naming the input (control characters escaped) in a failure.
   * One test with a loop instead of a parameterized test: a backend pays its store setup once.
   */
  protected static void forEachInput(List<String> inputs, Consumer<String> check) {
    for (String input : inputs) {
      try {
        check.accept(input);
      } catch (AssertionError e) {
        throw new AssertionError("for input \"" + printable(input) + "\": " + e.getMessage(), e);
      }
    }
  }

  /** {@code text} with control characters written as Java unicode escapes and long text cut, for messages. */
  protected static String printable(String text) {
    StringBuilder sb = new StringBuilder();
    for (char c : text.toCharArray()) {
      sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return sb.length() > 60 ? sb.substring(0, 60) + "…(" + text.length() + " chars)" : sb.toString();
  }

  /**
   * Waits a few milliseconds so the next write gets a later timestamp than the last one, whatever
   * the clock's resolution. Orders writes; asserts nothing about time.
   */
  protected static void tick() {
    try {
      Thread.sleep(3);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
