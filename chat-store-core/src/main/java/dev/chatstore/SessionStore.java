package dev.chatstore;

import dev.chatstore.internal.PagedMessages;
import dev.chatstore.internal.memory.InMemorySessionStore;
import dev.chatstore.internal.owner.OwnerScopedStore;
import dev.chatstore.spi.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where chats are kept: the one interface every backend implements and the testkit's
 * {@code SessionStoreContract} checks.
 *
 * <p>Thread-safe: any method may be called from any thread. Every method throws
 * {@link InvalidInputException} for bad arguments (before writing anything),
 * {@link SessionNotFoundException} / {@link MessageNotFoundException} for unknown ids where an
 * entity is required, {@link ConflictException} for a stale version, a deleted session or a closed
 * stream, {@link CorruptDataException} for stored data that cannot be read and
 * {@link UnavailableException} when storage fails (nothing half-written; safe to retry).
 *
 * <p>Costs: appending a message costs the same for message 100,000 as for message 2; no operation
 * rewrites a whole conversation and no read loads one when a page will do.
 */
public interface SessionStore extends AutoCloseable {

  /** A new, empty in-memory store with default limits: the reference behaviour, lost on exit. */
  static SessionStore inMemory() {
    return InMemorySessionStore.create();
  }

  /**
   * This store confined to one owner's sessions: what a multi-user host hands each request. Another
   * owner's session and message ids behave exactly as unknown ones ({@code find...} gives empty, the
   * rest {@link SessionNotFoundException} / {@link MessageNotFoundException} naming the id, nothing
   * written); sessions created through it are {@code ownerId}'s whatever owner the {@link NewSession}
   * names; lists, latest, search and keys of another owner are empty; {@code recoverAbandonedStreams}
   * does nothing and returns 0; {@code close()} leaves this store open. On a view, {@code forOwner} of
   * its own owner is the view itself and of another a view that sees nothing (and refuses to create).
   * Rules in full: docs/SEMANTICS.md, "Owner views".
   *
   * <p>Not forwarded by {@link ForwardingSessionStore}, so a decorator's view still runs every call
   * through the decorator. {@link InvalidInputException} naming {@code ownerId} for a null, blank,
   * oversized or control-character owner.
   */
  default SessionStore forOwner(String ownerId) {
    return new OwnerScopedStore(this, Checks.ownerId(ownerId, "ownerId"));
  }

  // ---- sessions ----------------------------------------------------------------------------

  /**
   * Creates a session; {@link ConflictException} ({@code ALREADY_EXISTS}) if its given id is taken,
   * or if its key is already the key of another session of the same owner (deleted or not).
   */
  ChatSession createSession(NewSession session);

  /** The session with this id, soft-deleted or not; empty if there is none. */
  Optional<ChatSession> findSession(String sessionId);

  /** The session with this id, or {@link SessionNotFoundException}. */
  default ChatSession getSession(String sessionId) {
    return findSession(sessionId).orElseThrow(() -> new SessionNotFoundException(sessionId));
  }

  /**
   * The owner's session with this conversation key ({@link NewSession.Builder#key}), soft-deleted or
   * not; empty if there is none. Keys are matched exactly (case and all) and never across owners.
   */
  Optional<ChatSession> findSessionByKey(String ownerId, String key);

  /** A page of one owner's sessions as summaries; never loads messages. */
  Page<SessionSummary> listSessions(SessionQuery query);

  /** The owner's most recently updated session that is not deleted. */
  Optional<ChatSession> latestSession(String ownerId);

  /**
   * Replaces title, metadata and/or state if the session is still at {@code expectedVersion};
   * otherwise {@link StaleVersionException} and nothing changes. Returns the session at its new version.
   */
  ChatSession updateSession(String sessionId, long expectedVersion, SessionUpdate update);

  /** Soft-deletes: hidden from lists, latest and search, restorable. Idempotent. */
  ChatSession deleteSession(String sessionId);

  /** Undoes a soft delete. Idempotent. */
  ChatSession restoreSession(String sessionId);

  /** Deletes the session and all its messages for good; {@link SessionNotFoundException} if absent. */
  void purgeSession(String sessionId);

  // ---- messages ----------------------------------------------------------------------------

  /** Appends one message at the next seq. Conflict if the session is deleted. */
  Message append(String sessionId, NewMessage message);

  /** Appends several messages at consecutive seqs, all or none. */
  List<Message> appendAll(String sessionId, List<NewMessage> messages);

  /** A message of a session, in whatever state it is (streamed content up to the last flush). */
  Optional<Message> findMessage(String sessionId, String messageId);

  /** The message, or {@link MessageNotFoundException}. */
  default Message getMessage(String sessionId, String messageId) {
    return findMessage(sessionId, messageId)
        .orElseThrow(() -> new MessageNotFoundException(sessionId, messageId));
  }

  /** A page of a session's messages in conversation order; see {@link MessageQuery}. */
  Page<Message> messages(String sessionId, MessageQuery query);

  /** The newest {@code count} messages in conversation order (what to send a model as context). */
  default List<Message> recentMessages(String sessionId, int count) {
    return messages(sessionId, MessageQuery.latest(count)).items();
  }

  /**
   * Every message of the session in conversation order, read underneath a page of
   * {@value #ALL_MESSAGES_PAGE} at a time, so a history of any length takes bounded memory. Messages
   * appended while the stream is being read are included when they are reached (the walk ends at the
   * first read that finds nothing new). The first page is
   * read at the call: an unknown session is a {@link SessionNotFoundException} here, not inside the
   * stream. Close the stream or not: it holds nothing open between pages.
   */
  default Stream<Message> allMessages(String sessionId) {
    return PagedMessages.of(this, sessionId, ALL_MESSAGES_PAGE);
  }

  /** How many messages {@link #allMessages} reads per page. */
  int ALL_MESSAGES_PAGE = 500;

  /**
   * Sets a final status, replaces metadata, and/or revises the parts of a COMPLETE message (the
   * earlier revision stays in {@link #messageRevisions}); see {@link MessageUpdate}. Revising a message
   * that is not COMPLETE is {@link ConflictException} ({@code NOT_COMPLETE}).
   */
  Message updateMessage(String sessionId, String messageId, MessageUpdate update);

  /**
   * Every revision of a message's parts, oldest first: revision 1 as appended or streamed, then one
   * per revision by {@link #updateMessage}; the last is what {@link #findMessage} gives now. A message
   * never revised has one. Readable while the session is deleted, as {@link #findMessage} is;
   * {@link SessionNotFoundException} for an unknown or purged session, {@link MessageNotFoundException}
   * for an unknown message.
   */
  List<MessageRevision> messageRevisions(String sessionId, String messageId);

  /**
   * Messages whose content contains {@code text} (ignoring case) across the owner's sessions that
   * are not deleted, newest first. Never returns another owner's messages.
   */
  Page<Message> searchMessages(String ownerId, String text, PageRequest page);

  /**
   * The session's tool calls in conversation order, each paired with its result if one exists: the
   * first TOOL message for its call id that follows it and comes before the next call with the same
   * id (models that reuse {@code call_0} every turn are paired turn by turn).
   */
  List<ToolExecution> toolExecutions(String sessionId);

  // ---- streaming ---------------------------------------------------------------------------

  /** Opens a stream: the message is written PENDING at the next seq before this returns. */
  MessageStream openStream(String sessionId, StreamOptions options);

  /** Opens an assistant-style stream for {@code role} with default options. */
  default MessageStream openStream(String sessionId, Role role) {
    return openStream(sessionId, StreamOptions.of(role));
  }

  // ---- fork and recovery -------------------------------------------------------------------

  /**
   * A new session of the same owner holding copies (new ids, same seqs, contents, statuses and
   * metadata) of the source's messages up to and including {@code upToMessageId}; it records where it
   * came from. The source is untouched. A copied message that was still streaming is INTERRUPTED.
   */
  ChatSession fork(String sessionId, String upToMessageId, String title);

  /** {@link #fork(String, String, String)} keeping the source's title. */
  default ChatSession fork(String sessionId, String upToMessageId) {
    return fork(sessionId, upToMessageId, getSession(sessionId).title());
  }

  /**
   * Marks INTERRUPTED the messages left PENDING or STREAMING by a process that died: those not
   * written to for {@code idleFor} and not open as a stream in this store. Stores run this when they
   * open; returns how many messages it marked.
   */
  int recoverAbandonedStreams(Duration idleFor);

  /** Closes open streams (as INTERRUPTED) and releases resources. Idempotent. */
  @Override
  void close();
}
