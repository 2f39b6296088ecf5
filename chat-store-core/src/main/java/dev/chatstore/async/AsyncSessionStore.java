package dev.chatstore.async;

import dev.chatstore.ChatSession;
import dev.chatstore.ChatStoreException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageStream;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionSummary;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolExecution;
import dev.chatstore.UnavailableException;
import dev.chatstore.spi.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * A {@link SessionStore} for threads that must not block (a UI thread, an event loop): every call
 * runs on the executor the host supplies and returns a {@link CompletableFuture}.
 *
 * <p>Errors are the store's own typed exceptions, unwrapped: the future fails with exactly the
 * {@link ChatStoreException} the store threw (a {@code SessionNotFoundException}, a
 * {@code StaleVersionException}...). The JDK adds a {@code CompletionException} around it in
 * {@code join()} and in dependent stages; {@link Futures#cause} and {@link Futures#await} take it
 * off again. An executor that refuses the task fails the future with {@link UnavailableException}.
 *
 * <p>Thread-safe. Owns neither the store nor the executor: closing them is the host's job. A future
 * cancelled before its task starts skips the call; one already running is not interrupted.
 */
public final class AsyncSessionStore {
  private final SessionStore store;
  private final Executor executor;

  private AsyncSessionStore(SessionStore store, Executor executor) {
    this.store = store;
    this.executor = executor;
  }

  public static AsyncSessionStore over(SessionStore store, Executor executor) {
    return new AsyncSessionStore(Checks.notNull(store, "store"), Checks.notNull(executor, "executor"));
  }

  /** The wrapped store, for calls that may block. */
  public SessionStore store() {
    return store;
  }

  /** Runs any store call on the executor: for what this class has no method for. */
  public <T> CompletableFuture<T> call(Function<SessionStore, T> operation) {
    Checks.notNull(operation, "operation");
    CompletableFuture<T> future = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        if (future.isDone()) {
          return; // cancelled while queued
        }
        try {
          future.complete(operation.apply(store));
        } catch (Throwable t) { // hand every failure to the future as it is, never lose one
          future.completeExceptionally(t);
        }
      });
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(new UnavailableException("the executor refused the store call", e));
    }
    return future;
  }

  // ---- sessions ----------------------------------------------------------------------------

  public CompletableFuture<ChatSession> createSession(NewSession session) {
    return call(s -> s.createSession(session));
  }

  public CompletableFuture<Optional<ChatSession>> findSession(String sessionId) {
    return call(s -> s.findSession(sessionId));
  }

  public CompletableFuture<ChatSession> getSession(String sessionId) {
    return call(s -> s.getSession(sessionId));
  }

  public CompletableFuture<Page<SessionSummary>> listSessions(SessionQuery query) {
    return call(s -> s.listSessions(query));
  }

  public CompletableFuture<Optional<ChatSession>> latestSession(String ownerId) {
    return call(s -> s.latestSession(ownerId));
  }

  public CompletableFuture<ChatSession> updateSession(String sessionId, long expectedVersion, SessionUpdate update) {
    return call(s -> s.updateSession(sessionId, expectedVersion, update));
  }

  public CompletableFuture<ChatSession> deleteSession(String sessionId) {
    return call(s -> s.deleteSession(sessionId));
  }

  public CompletableFuture<ChatSession> restoreSession(String sessionId) {
    return call(s -> s.restoreSession(sessionId));
  }

  public CompletableFuture<Void> purgeSession(String sessionId) {
    return call(s -> {
      s.purgeSession(sessionId);
      return null;
    });
  }

  // ---- messages ----------------------------------------------------------------------------

  public CompletableFuture<Message> append(String sessionId, NewMessage message) {
    return call(s -> s.append(sessionId, message));
  }

  public CompletableFuture<List<Message>> appendAll(String sessionId, List<NewMessage> messages) {
    return call(s -> s.appendAll(sessionId, messages));
  }

  public CompletableFuture<Optional<Message>> findMessage(String sessionId, String messageId) {
    return call(s -> s.findMessage(sessionId, messageId));
  }

  public CompletableFuture<Message> getMessage(String sessionId, String messageId) {
    return call(s -> s.getMessage(sessionId, messageId));
  }

  public CompletableFuture<Page<Message>> messages(String sessionId, MessageQuery query) {
    return call(s -> s.messages(sessionId, query));
  }

  public CompletableFuture<List<Message>> recentMessages(String sessionId, int count) {
    return call(s -> s.recentMessages(sessionId, count));
  }

  public CompletableFuture<Message> updateMessage(String sessionId, String messageId, MessageUpdate update) {
    return call(s -> s.updateMessage(sessionId, messageId, update));
  }

  public CompletableFuture<List<MessageRevision>> messageRevisions(String sessionId, String messageId) {
    return call(s -> s.messageRevisions(sessionId, messageId));
  }

  public CompletableFuture<Page<Message>> searchMessages(String ownerId, String text, PageRequest page) {
    return call(s -> s.searchMessages(ownerId, text, page));
  }

  public CompletableFuture<List<ToolExecution>> toolExecutions(String sessionId) {
    return call(s -> s.toolExecutions(sessionId));
  }

  // ---- streams, forks, recovery ------------------------------------------------------------

  /** Opens a stream; its own calls are buffered and cheap, except {@code flush} and the end calls. */
  public CompletableFuture<MessageStream> openStream(String sessionId, StreamOptions options) {
    return call(s -> s.openStream(sessionId, options));
  }

  public CompletableFuture<ChatSession> fork(String sessionId, String upToMessageId, String title) {
    return call(s -> s.fork(sessionId, upToMessageId, title));
  }

  public CompletableFuture<ChatSession> fork(String sessionId, String upToMessageId) {
    return call(s -> s.fork(sessionId, upToMessageId));
  }

  public CompletableFuture<Integer> recoverAbandonedStreams(Duration idleFor) {
    return call(s -> s.recoverAbandonedStreams(idleFor));
  }
}
