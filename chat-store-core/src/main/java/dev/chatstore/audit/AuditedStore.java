package dev.chatstore.audit;

import dev.chatstore.ChatSession;
import dev.chatstore.ForwardingSessionStore;
import dev.chatstore.InvalidInputException;
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
import dev.chatstore.internal.audit.AuditDelivery;
import dev.chatstore.spi.Checks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link SessionStore} that tells an {@link AuditListener} of every call made through it, reads and
 * writes, failed ones included: owner, session, operation, item count, outcome, start time and
 * duration ({@link AuditEvent}). Over any store: a backend, an owner view, another decorator.
 *
 * <p>It adds no write of its own and never blocks a call: events go into a bounded queue (default
 * {@value #DEFAULT_CAPACITY}) that one daemon thread delivers. When the listener falls behind and the
 * queue is full, events are dropped and counted ({@link #droppedEvents()}), and the listener is then
 * told how many in one {@link AuditOperation#EVENTS_DROPPED} event. The owner of a call that names
 * only a session id is found on the delivery thread (a read, cached), never on the caller's. A stream
 * gives {@link AuditOperation#OPEN_STREAM} and one {@link AuditOperation#STREAM_END} when it
 * completes, fails or closes, not an event per chunk. {@link #close()} delivers what is queued (waiting
 * at most 10 s), then closes the store underneath.
 *
 * <p>Thread-safe; throws what the store underneath throws, unchanged.
 */
public final class AuditedStore extends ForwardingSessionStore {
  /** Events queued at most while the listener catches up. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private final AuditDelivery delivery;
  private final Clock clock;

  private AuditedStore(SessionStore store, AuditListener listener, int capacity, Clock clock) {
    super(store);
    this.clock = clock;
    this.delivery = new AuditDelivery(store, listener, capacity, clock);
  }

  /** {@code store} audited to {@code listener}, with the default queue and the system clock. */
  public static AuditedStore over(SessionStore store, AuditListener listener) {
    return over(store, listener, DEFAULT_CAPACITY, Clock.systemUTC());
  }

  /** As {@link #over(SessionStore, AuditListener)}, with a queue of {@code capacity} events and a clock. */
  public static AuditedStore over(SessionStore store, AuditListener listener, int capacity, Clock clock) {
    Checks.notNull(store, "store");
    Checks.notNull(listener, "listener");
    Checks.notNull(clock, "clock");
    if (capacity < 1) {
      throw new InvalidInputException("capacity", "must be at least 1 (was " + capacity + ")");
    }
    return new AuditedStore(store, listener, capacity, clock);
  }

  /** How many events were dropped because the queue was full, since this store was made. */
  public long droppedEvents() {
    return delivery.droppedEvents();
  }

  @Override
  public ChatSession createSession(NewSession session) {
    return call(AuditOperation.CREATE_SESSION, owner(session == null ? null : session.ownerId()), Optional.empty(),
        () -> super.createSession(session), s -> 1, s -> Optional.of(s.ownerId()), s -> Optional.of(s.id()));
  }

  @Override
  public Optional<ChatSession> findSession(String sessionId) {
    return call(AuditOperation.FIND_SESSION, Optional.empty(), id(sessionId), () -> super.findSession(sessionId),
        s -> s.isPresent() ? 1 : 0, s -> s.map(ChatSession::ownerId));
  }

  @Override
  public Optional<ChatSession> findSessionByKey(String ownerId, String key) {
    return call(AuditOperation.FIND_SESSION_BY_KEY, owner(ownerId), Optional.empty(),
        () -> super.findSessionByKey(ownerId, key), s -> s.isPresent() ? 1 : 0, s -> Optional.empty(),
        s -> s.map(ChatSession::id));
  }

  @Override
  public Page<SessionSummary> listSessions(SessionQuery query) {
    return call(AuditOperation.LIST_SESSIONS, owner(query == null ? null : query.ownerId()), Optional.empty(),
        () -> super.listSessions(query), p -> p.items().size(), p -> Optional.empty());
  }

  @Override
  public Optional<ChatSession> latestSession(String ownerId) {
    return call(AuditOperation.LATEST_SESSION, owner(ownerId), Optional.empty(), () -> super.latestSession(ownerId),
        s -> s.isPresent() ? 1 : 0, s -> Optional.empty(), s -> s.map(ChatSession::id));
  }

  @Override
  public ChatSession updateSession(String sessionId, long expectedVersion, SessionUpdate update) {
    return call(AuditOperation.UPDATE_SESSION, Optional.empty(), id(sessionId),
        () -> super.updateSession(sessionId, expectedVersion, update), s -> 1, s -> Optional.of(s.ownerId()));
  }

  @Override
  public ChatSession deleteSession(String sessionId) {
    return call(AuditOperation.DELETE_SESSION, Optional.empty(), id(sessionId), () -> super.deleteSession(sessionId),
        s -> 1, s -> Optional.of(s.ownerId()));
  }

  @Override
  public ChatSession restoreSession(String sessionId) {
    return call(AuditOperation.RESTORE_SESSION, Optional.empty(), id(sessionId),
        () -> super.restoreSession(sessionId), s -> 1, s -> Optional.of(s.ownerId()));
  }

  @Override
  public void purgeSession(String sessionId) {
    call(AuditOperation.PURGE_SESSION, Optional.empty(), id(sessionId), () -> {
      super.purgeSession(sessionId);
      return Boolean.TRUE;
    }, x -> 1, x -> Optional.empty());
  }

  @Override
  public Message append(String sessionId, NewMessage message) {
    return call(AuditOperation.APPEND, Optional.empty(), id(sessionId), () -> super.append(sessionId, message),
        m -> 1, m -> Optional.empty());
  }

  @Override
  public List<Message> appendAll(String sessionId, List<NewMessage> messages) {
    return call(AuditOperation.APPEND_ALL, Optional.empty(), id(sessionId),
        () -> super.appendAll(sessionId, messages), List::size, m -> Optional.empty());
  }

  @Override
  public Optional<Message> findMessage(String sessionId, String messageId) {
    return call(AuditOperation.FIND_MESSAGE, Optional.empty(), id(sessionId),
        () -> super.findMessage(sessionId, messageId), m -> m.isPresent() ? 1 : 0, m -> Optional.empty());
  }

  @Override
  public Page<Message> messages(String sessionId, MessageQuery query) {
    return call(AuditOperation.MESSAGES, Optional.empty(), id(sessionId), () -> super.messages(sessionId, query),
        p -> p.items().size(), p -> Optional.empty());
  }

  @Override
  public Message updateMessage(String sessionId, String messageId, MessageUpdate update) {
    return call(AuditOperation.UPDATE_MESSAGE, Optional.empty(), id(sessionId),
        () -> super.updateMessage(sessionId, messageId, update), m -> 1, m -> Optional.empty());
  }

  @Override
  public List<MessageRevision> messageRevisions(String sessionId, String messageId) {
    return call(AuditOperation.MESSAGE_REVISIONS, Optional.empty(), id(sessionId),
        () -> super.messageRevisions(sessionId, messageId), List::size, r -> Optional.empty());
  }

  @Override
  public Page<Message> searchMessages(String ownerId, String text, PageRequest page) {
    return call(AuditOperation.SEARCH_MESSAGES, owner(ownerId), Optional.empty(),
        () -> super.searchMessages(ownerId, text, page), p -> p.items().size(), p -> Optional.empty());
  }

  @Override
  public List<ToolExecution> toolExecutions(String sessionId) {
    return call(AuditOperation.TOOL_EXECUTIONS, Optional.empty(), id(sessionId),
        () -> super.toolExecutions(sessionId), List::size, t -> Optional.empty());
  }

  @Override
  public MessageStream openStream(String sessionId, StreamOptions options) {
    MessageStream stream = call(AuditOperation.OPEN_STREAM, Optional.empty(), id(sessionId),
        () -> super.openStream(sessionId, options), s -> 1, s -> Optional.empty());
    return new AuditedStream(stream, this::streamEnded, clock);
  }

  @Override
  public ChatSession fork(String sessionId, String upToMessageId, String title) {
    return call(AuditOperation.FORK, Optional.empty(), id(sessionId),
        () -> super.fork(sessionId, upToMessageId, title), s -> 1, s -> Optional.of(s.ownerId()));
  }

  @Override
  public int recoverAbandonedStreams(Duration idleFor) {
    return call(AuditOperation.RECOVER_STREAMS, Optional.empty(), Optional.empty(),
        () -> super.recoverAbandonedStreams(idleFor), n -> n, n -> Optional.empty());
  }

  @Override
  public void close() {
    delivery.close(); // first, while the store can still tell owners
    super.close();
  }

  private void streamEnded(AuditedStream stream, Instant at, Duration took, int chars, Optional<Throwable> error) {
    delivery.offer(new AuditEvent(at, Optional.empty(), Optional.of(stream.sessionId()), AuditOperation.STREAM_END,
        chars, error.map(AuditOutcome::of).orElse(AuditOutcome.OK), error.map(e -> e.getClass().getName()), took));
  }

  private <T> T call(AuditOperation operation, Optional<String> owner, Optional<String> session, Supplier<T> call,
      Function<T, Integer> count, Function<T, Optional<String>> ownerOf) {
    return call(operation, owner, session, call, count, ownerOf, t -> Optional.empty());
  }

  private <T> T call(AuditOperation operation, Optional<String> owner, Optional<String> session, Supplier<T> call,
      Function<T, Integer> count, Function<T, Optional<String>> ownerOf, Function<T, Optional<String>> sessionOf) {
    Instant at = clock.instant();
    long start = System.nanoTime();
    T result;
    try {
      result = call.get();
    } catch (RuntimeException | Error e) {
      delivery.offer(new AuditEvent(at, owner, session, operation, 0, AuditOutcome.of(e),
          Optional.of(e.getClass().getName()), Duration.ofNanos(System.nanoTime() - start)));
      throw e;
    }
    Optional<String> knownOwner = owner.isPresent() ? owner : ownerOf.apply(result);
    Optional<String> knownSession = session.isPresent() ? session : sessionOf.apply(result);
    delivery.offer(new AuditEvent(at, knownOwner, knownSession, operation, count.apply(result), AuditOutcome.OK,
        Optional.empty(), Duration.ofNanos(System.nanoTime() - start)));
    return result;
  }

  private static Optional<String> owner(String ownerId) {
    return Optional.ofNullable(ownerId);
  }

  private static Optional<String> id(String sessionId) {
    return Optional.ofNullable(sessionId);
  }
}
