package dev.chatstore;

import dev.chatstore.spi.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SessionStore} that passes every call to another one: the base of the backends' public
 * facades, and of host decorators (metrics, logging, access checks) that override a few methods.
 * The interface's convenience methods ({@code getSession}, {@code openStream(id, role)}, ...) are not
 * forwarded but run here, through the methods they build on, so a decorator that overrides
 * {@code findSession} or {@code openStream(id, options)} sees those calls too; so is {@code forOwner},
 * whose view then sends every call through the decorator.
 *
 * <p>Thread-safe if the delegate is; throws what the delegate throws.
 */
public abstract class ForwardingSessionStore implements SessionStore {
  private final SessionStore delegate;

  protected ForwardingSessionStore(SessionStore delegate) {
    this.delegate = Checks.notNull(delegate, "delegate");
  }

  /** The store every call goes to. */
  protected final SessionStore delegate() {
    return delegate;
  }

  @Override
  public ChatSession createSession(NewSession session) {
    return delegate.createSession(session);
  }

  @Override
  public Optional<ChatSession> findSession(String sessionId) {
    return delegate.findSession(sessionId);
  }

  @Override
  public Page<SessionSummary> listSessions(SessionQuery query) {
    return delegate.listSessions(query);
  }

  @Override
  public Optional<ChatSession> findSessionByKey(String ownerId, String key) {
    return delegate.findSessionByKey(ownerId, key);
  }

  @Override
  public Optional<ChatSession> latestSession(String ownerId) {
    return delegate.latestSession(ownerId);
  }

  @Override
  public ChatSession updateSession(String sessionId, long expectedVersion, SessionUpdate update) {
    return delegate.updateSession(sessionId, expectedVersion, update);
  }

  @Override
  public ChatSession deleteSession(String sessionId) {
    return delegate.deleteSession(sessionId);
  }

  @Override
  public ChatSession restoreSession(String sessionId) {
    return delegate.restoreSession(sessionId);
  }

  @Override
  public void purgeSession(String sessionId) {
    delegate.purgeSession(sessionId);
  }

  @Override
  public Message append(String sessionId, NewMessage message) {
    return delegate.append(sessionId, message);
  }

  @Override
  public List<Message> appendAll(String sessionId, List<NewMessage> messages) {
    return delegate.appendAll(sessionId, messages);
  }

  @Override
  public Optional<Message> findMessage(String sessionId, String messageId) {
    return delegate.findMessage(sessionId, messageId);
  }

  @Override
  public Page<Message> messages(String sessionId, MessageQuery query) {
    return delegate.messages(sessionId, query);
  }

  @Override
  public Message updateMessage(String sessionId, String messageId, MessageUpdate update) {
    return delegate.updateMessage(sessionId, messageId, update);
  }

  @Override
  public List<MessageRevision> messageRevisions(String sessionId, String messageId) {
    return delegate.messageRevisions(sessionId, messageId);
  }

  @Override
  public Page<Message> searchMessages(String ownerId, String text, PageRequest page) {
    return delegate.searchMessages(ownerId, text, page);
  }

  @Override
  public List<ToolExecution> toolExecutions(String sessionId) {
    return delegate.toolExecutions(sessionId);
  }

  @Override
  public MessageStream openStream(String sessionId, StreamOptions options) {
    return delegate.openStream(sessionId, options);
  }

  @Override
  public ChatSession fork(String sessionId, String upToMessageId, String title) {
    return delegate.fork(sessionId, upToMessageId, title);
  }

  @Override
  public int recoverAbandonedStreams(Duration idleFor) {
    return delegate.recoverAbandonedStreams(idleFor);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + delegate + "]";
  }
}
