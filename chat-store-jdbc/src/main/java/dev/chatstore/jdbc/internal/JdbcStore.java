package dev.chatstore.jdbc.internal;

import dev.chatstore.ChatSession;
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
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.StreamEngine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JDBC store assembled from its parts, one per area; {@code JdbcSessionStore} is its public face.
 * Thread-safe.
 */
final class JdbcStore implements SessionStore {
  private final JdbcContext ctx;
  private final String description;
  private final Runnable releaseConnections;
  private final StreamEngine engine;
  private final SessionDao sessions;
  private final SessionLister lister;
  private final MessageDao messages;
  private final Reviser reviser;
  private final MessageSearch search;
  private final ToolExecutions tools;
  private final Forker forker;
  private final Recovery recovery;
  private final AtomicBoolean closed = new AtomicBoolean();

  JdbcStore(JdbcContext ctx, String description, Runnable releaseConnections) {
    this.ctx = ctx;
    this.description = description;
    this.releaseConnections = releaseConnections;
    this.engine = new StreamEngine(new JdbcStreamSink(ctx), ctx.rules());
    this.sessions = new SessionDao(ctx);
    this.lister = new SessionLister(ctx);
    this.reviser = new Reviser(ctx);
    this.messages = new MessageDao(ctx, engine, reviser);
    this.search = new MessageSearch(ctx);
    this.tools = new ToolExecutions(ctx);
    this.forker = new Forker(ctx);
    this.recovery = new Recovery(ctx);
    OpenStreams.register(engine);
  }

  /** What the store's parts share: for its key rotation. */
  JdbcContext context() {
    return ctx;
  }

  /** Recovery as run on open: streams open in any store of this JVM are alive, not abandoned. */
  int recoverOnOpen(Duration idleFor) {
    return recovery.recover(idleFor, OpenStreams::openInThisJvm);
  }

  @Override
  public ChatSession createSession(NewSession session) {
    return sessions.create(Checks.notNull(session, "session"));
  }

  @Override
  public Optional<ChatSession> findSession(String sessionId) {
    return sessions.find(sessionId);
  }

  @Override
  public Page<SessionSummary> listSessions(SessionQuery query) {
    return lister.list(query);
  }

  @Override
  public Optional<ChatSession> findSessionByKey(String ownerId, String key) {
    return sessions.findByKey(ownerId, key);
  }

  @Override
  public Optional<ChatSession> latestSession(String ownerId) {
    return sessions.latest(ownerId);
  }

  @Override
  public ChatSession updateSession(String sessionId, long expectedVersion, SessionUpdate update) {
    Checks.notNegative(expectedVersion, "expectedVersion");
    return sessions.update(sessionId, expectedVersion, update);
  }

  @Override
  public ChatSession deleteSession(String sessionId) {
    return sessions.delete(sessionId);
  }

  @Override
  public ChatSession restoreSession(String sessionId) {
    return sessions.restore(sessionId);
  }

  @Override
  public void purgeSession(String sessionId) {
    sessions.purge(sessionId);
  }

  @Override
  public Message append(String sessionId, NewMessage message) {
    return messages.append(sessionId, message);
  }

  @Override
  public List<Message> appendAll(String sessionId, List<NewMessage> batch) {
    return messages.appendAll(sessionId, batch);
  }

  @Override
  public Optional<Message> findMessage(String sessionId, String messageId) {
    return messages.find(sessionId, messageId);
  }

  @Override
  public Page<Message> messages(String sessionId, MessageQuery query) {
    return messages.page(sessionId, query);
  }

  @Override
  public Message updateMessage(String sessionId, String messageId, MessageUpdate update) {
    return messages.update(sessionId, messageId, update);
  }

  @Override
  public List<MessageRevision> messageRevisions(String sessionId, String messageId) {
    return reviser.history(sessionId, messageId);
  }

  @Override
  public Page<Message> searchMessages(String ownerId, String text, PageRequest page) {
    return search.search(ownerId, text, page);
  }

  @Override
  public List<ToolExecution> toolExecutions(String sessionId) {
    return tools.of(sessionId);
  }

  @Override
  public MessageStream openStream(String sessionId, StreamOptions options) {
    Checks.id(sessionId, "sessionId");
    Checks.notNull(options, "options");
    return engine.open(sessionId, options);
  }

  @Override
  public ChatSession fork(String sessionId, String upToMessageId, String title) {
    return forker.fork(sessionId, upToMessageId, title);
  }

  @Override
  public int recoverAbandonedStreams(Duration idleFor) {
    return recovery.recover(idleFor, engine::isOpen);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        engine.close(); // open streams end as INTERRUPTED while the connections are still there
      } finally {
        OpenStreams.unregister(engine);
        ctx.db().close();
        releaseConnections.run();
      }
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
