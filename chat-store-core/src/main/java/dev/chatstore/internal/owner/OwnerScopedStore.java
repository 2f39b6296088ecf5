package dev.chatstore.internal.owner;

import dev.chatstore.ChatSession;
import dev.chatstore.ForwardingSessionStore;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageStream;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionSummary;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolExecution;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Ids;
import dev.chatstore.spi.SearchKeyset;
import dev.chatstore.spi.SessionKeyset;
import dev.chatstore.spi.StreamRecovery;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One owner's part of a shared store, what {@link SessionStore#forOwner} returns: another owner's
 * session is answered exactly as an id nobody has (docs/SEMANTICS.md, "Owner views").
 *
 * <p>Thread-safe as the shared store is. Throws what the shared store throws; for another owner's
 * ids, what it throws for unknown ones.
 */
public final class OwnerScopedStore extends ForwardingSessionStore {
  private final String ownerId;

  public OwnerScopedStore(SessionStore shared, String ownerId) {
    super(shared);
    this.ownerId = Checks.ownerId(ownerId, "ownerId");
  }

  /** The owner this view is confined to. */
  public String ownerId() {
    return ownerId;
  }

  /** This view for its own owner; for another, a view inside this one, which sees nothing and creates nothing. */
  @Override
  public SessionStore forOwner(String otherOwnerId) {
    String other = Checks.ownerId(otherOwnerId, "ownerId");
    return other.equals(ownerId) ? this : new OwnerScopedStore(this, other);
  }

  // ---- sessions ----------------------------------------------------------------------------

  /** Creates the session as this view's owner, whatever owner {@code session} names. */
  @Override
  public ChatSession createSession(NewSession session) {
    Checks.notNull(session, "session");
    if (delegate() instanceof OwnerScopedStore outer) {
      // This owner's sessions could never be seen through the outer owner's view, nor made by it.
      throw new InvalidInputException("ownerId", "a view of " + ownerId + " inside the view of " + outer.ownerId
          + " sees nothing and can create nothing");
    }
    return delegate().createSession(new NewSession(session.id(), ownerId, session.projectId(), session.title(),
        session.metadata(), session.stateJson(), session.key()));
  }

  @Override
  public Optional<ChatSession> findSession(String sessionId) {
    return delegate().findSession(sessionId).filter(s -> s.ownerId().equals(ownerId));
  }

  @Override
  public Optional<ChatSession> findSessionByKey(String ownerId, String key) {
    Checks.ownerId(ownerId, "ownerId");
    NewSession.key(key);
    return mine(ownerId) ? delegate().findSessionByKey(ownerId, key) : Optional.empty();
  }

  @Override
  public Page<SessionSummary> listSessions(SessionQuery query) {
    Checks.notNull(query, "query");
    if (mine(query.ownerId())) {
      return delegate().listSessions(query);
    }
    SessionKeyset.of(query); // a bad cursor is refused as the shared store refuses it
    return Page.empty();
  }

  @Override
  public Optional<ChatSession> latestSession(String ownerId) {
    Checks.ownerId(ownerId, "ownerId");
    return mine(ownerId) ? delegate().latestSession(ownerId) : Optional.empty();
  }

  @Override
  public ChatSession updateSession(String sessionId, long expectedVersion, SessionUpdate update) {
    return confined(sessionId, id -> delegate().updateSession(id, expectedVersion, update));
  }

  @Override
  public ChatSession deleteSession(String sessionId) {
    return confined(sessionId, id -> delegate().deleteSession(id));
  }

  @Override
  public ChatSession restoreSession(String sessionId) {
    return confined(sessionId, id -> delegate().restoreSession(id));
  }

  @Override
  public void purgeSession(String sessionId) {
    confined(sessionId, id -> {
      delegate().purgeSession(id);
      return null;
    });
  }

  // ---- messages ----------------------------------------------------------------------------

  @Override
  public Message append(String sessionId, NewMessage message) {
    return confined(sessionId, id -> delegate().append(id, message));
  }

  @Override
  public List<Message> appendAll(String sessionId, List<NewMessage> messages) {
    return confined(sessionId, id -> delegate().appendAll(id, messages));
  }

  @Override
  public Optional<Message> findMessage(String sessionId, String messageId) {
    return confined(sessionId, id -> delegate().findMessage(id, messageId));
  }

  @Override
  public Page<Message> messages(String sessionId, MessageQuery query) {
    return confined(sessionId, id -> delegate().messages(id, query));
  }

  @Override
  public Message updateMessage(String sessionId, String messageId, MessageUpdate update) {
    return confined(sessionId, id -> delegate().updateMessage(id, messageId, update));
  }

  @Override
  public List<MessageRevision> messageRevisions(String sessionId, String messageId) {
    return confined(sessionId, id -> delegate().messageRevisions(id, messageId));
  }

  @Override
  public Page<Message> searchMessages(String ownerId, String text, PageRequest page) {
    Checks.ownerId(ownerId, "ownerId");
    if (mine(ownerId)) {
      return delegate().searchMessages(ownerId, text, page);
    }
    Checks.notBlank(text, "text", SessionQuery.MAX_TEXT_LENGTH);
    SearchKeyset.of(Checks.notNull(page, "page")); // a bad cursor is refused as the shared store refuses it
    return Page.empty();
  }

  @Override
  public List<ToolExecution> toolExecutions(String sessionId) {
    return confined(sessionId, id -> delegate().toolExecutions(id));
  }

  // ---- streams, fork, recovery, close --------------------------------------------------------

  /** Opens a stream on this owner's session; the stream is bound to it, so its calls need no check. */
  @Override
  public MessageStream openStream(String sessionId, StreamOptions options) {
    return confined(sessionId, id -> delegate().openStream(id, options));
  }

  /** The shared store's fork keeps the source's owner, so the fork of this owner's session is this owner's. */
  @Override
  public ChatSession fork(String sessionId, String upToMessageId, String title) {
    return confined(sessionId, id -> delegate().fork(id, upToMessageId, title));
  }

  /**
   * Recovers nothing and returns 0: recovery is the shared store's (it runs when the store opens), and
   * one owner's call may neither change nor count another owner's messages.
   */
  @Override
  public int recoverAbandonedStreams(Duration idleFor) {
    StreamRecovery.idleFor(idleFor, "idleFor");
    return 0;
  }

  /** Does nothing: the shared store belongs to whoever opened it, and serves other views still. */
  @Override
  public void close() {
    // nothing of its own to release
  }

  @Override
  public String toString() {
    return "OwnerScopedStore[" + ownerId + " in " + delegate() + "]";
  }

  // ---- the one rule --------------------------------------------------------------------------

  private boolean mine(String owner) {
    return owner.equals(ownerId);
  }

  /**
   * Runs {@code call} with {@code sessionId} if the session is this owner's, and otherwise with a fresh
   * id nobody has, so that an unknown id and another owner's id both get exactly what the shared store
   * does for an unknown id: the same argument checks in the same order, the same work, the same
   * exception, which names {@code sessionId}. Ownership is checked first and acted on after: a
   * session's owner never changes.
   */
  private <T> T confined(String sessionId, Function<String, T> call) {
    if (findSession(sessionId).isPresent()) {
      return call.apply(sessionId);
    }
    String nobodys = Ids.next();
    try {
      return call.apply(nobodys);
    } catch (SessionNotFoundException e) {
      if (nobodys.equals(e.id())) {
        throw new SessionNotFoundException(sessionId);
      }
      throw e;
    } catch (MessageNotFoundException e) {
      if (nobodys.equals(e.sessionId())) {
        throw new MessageNotFoundException(sessionId, e.id());
      }
      throw e;
    }
  }
}
