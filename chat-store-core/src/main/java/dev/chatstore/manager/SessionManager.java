package dev.chatstore.manager;

import dev.chatstore.ChatSession;
import dev.chatstore.ChatStoreException;
import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionSummary;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StaleVersionException;
import dev.chatstore.StreamOptions;
import dev.chatstore.spi.Checks;
import dev.chatstore.internal.SessionPurge;
import dev.chatstore.internal.manager.Branching;
import dev.chatstore.internal.manager.TitleStep;
import dev.chatstore.internal.manager.VersionedUpdates;
import dev.chatstore.metadata.ChatMetadata;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The current session of an application, for one owner over any {@link SessionStore}: create,
 * resume by id or the latest, append and stream into it, save its state and metadata, list, rename,
 * delete and fork. What a CLI's {@code --chat-id}, {@code --list-chats} and {@code --new-chat} need.
 *
 * <p>An untitled session gets its title from its first user message appended through
 * {@link #append} ({@link TitleGenerator}); a title the user set is never replaced. Sessions of other
 * owners are invisible: their ids give {@link SessionNotFoundException}, as unknown ids do.
 *
 * <p>Versions: {@link #rename} and the {@code update...} methods recompute their change from the
 * session as it is now and retry on a stale version, since that cannot lose another writer's change;
 * {@link #saveState} and {@link #saveMetadata} replace a whole document the caller built from what it
 * read, so a concurrent change surfaces as {@link StaleVersionException} (the manager re-reads the
 * session first, so {@link #current()} shows what won).
 *
 * <p>Thread-safe: calls are serialized. {@link #current()} is a snapshot as of the manager's last
 * read or write ({@code messageCount} and {@code updatedAt} move on with every message; call
 * {@link #refresh()} to re-read). Throws what the store throws, plus {@link NoCurrentSessionException}.
 */
public final class SessionManager {
  private final SessionStore store;
  private final String ownerId;
  private final Optional<String> projectId;
  private final TitleGenerator titles;
  private ChatSession current; // guarded by this

  private SessionManager(Builder b) {
    this.store = b.store;
    this.ownerId = b.ownerId;
    this.projectId = b.projectId;
    this.titles = b.titles;
  }

  /** A manager for {@code ownerId}'s sessions with the default title generator and no project. */
  public static SessionManager of(SessionStore store, String ownerId) {
    return builder(store, ownerId).build();
  }

  public static Builder builder(SessionStore store, String ownerId) {
    return new Builder(Checks.notNull(store, "store"), Checks.ownerId(ownerId, "ownerId"));
  }

  public SessionStore store() {
    return store;
  }

  public String ownerId() {
    return ownerId;
  }

  public Optional<String> projectId() {
    return projectId;
  }

  // ---- the current session -------------------------------------------------------------------

  public synchronized Optional<ChatSession> current() {
    return Optional.ofNullable(current);
  }

  /** The current session, or {@link NoCurrentSessionException}. */
  public synchronized ChatSession requireCurrent() {
    return need("this call");
  }

  /** Re-reads the current session from the store. */
  public synchronized ChatSession refresh() {
    current = store.getSession(need("refresh").id());
    return current;
  }

  /** Forgets the current session (the store keeps it). */
  public synchronized void leave() {
    current = null;
  }

  /** Creates an untitled session and makes it current; it is titled from its first user message. */
  public ChatSession create() {
    return create("");
  }

  /** Creates a session with {@code title} (empty: titled from its first user message) and makes it current. */
  public synchronized ChatSession create(String title) {
    NewSession.Builder session = NewSession.forOwner(ownerId).title(Checks.notNull(title, "title"));
    projectId.ifPresent(session::project);
    current = store.createSession(session.build());
    return current;
  }

  /**
   * Makes the session current. {@link SessionNotFoundException} if it does not exist or belongs to
   * another owner; {@link ConflictException} ({@code SESSION_DELETED}) if it is soft-deleted.
   */
  public synchronized ChatSession resume(String sessionId) {
    ChatSession session = owned(sessionId);
    if (session.isDeleted()) {
      throw new ConflictException(ConflictException.Reason.SESSION_DELETED,
          "session " + sessionId + " is deleted; restore it to resume it");
    }
    current = session;
    return current;
  }

  /** Makes the owner's most recently updated session (of the manager's project, if set) current. */
  public synchronized Optional<ChatSession> resumeLatest() {
    Optional<ChatSession> latest = latest();
    latest.ifPresent(s -> current = s);
    return latest;
  }

  /** {@link #resumeLatest()}, or a new untitled session if the owner has none. */
  public synchronized ChatSession resumeLatestOrCreate() {
    return resumeLatest().orElseGet(this::create);
  }

  // ---- messages ------------------------------------------------------------------------------

  /** Appends to the current session; a user message titles an untitled session. */
  public synchronized Message append(NewMessage message) {
    Checks.notNull(message, "message");
    ChatSession session = need("append");
    Message stored = store.append(session.id(), message);
    if (message.role() == Role.USER) {
      current = TitleStep.afterUserMessage(store, session, titles, stored);
    }
    return stored;
  }

  /** Appends a user message with this text to the current session. */
  public Message recordUserMessage(String content) {
    return append(NewMessage.user(content));
  }

  /**
   * Creates an untitled session, makes it current and appends its first message (titling it from a
   * user message). If the append fails the new session is purged and the previous current session
   * stays current: a first message that cannot be stored leaves no empty chat behind.
   */
  public synchronized Message startWith(NewMessage firstMessage) {
    Checks.notNull(firstMessage, "firstMessage");
    ChatSession previous = current;
    ChatSession created = create();
    try {
      return append(firstMessage);
    } catch (ChatStoreException e) {
      current = previous;
      throw SessionPurge.after(e, store, created.id());
    }
  }

  /** Opens an assistant reply stream in the current session. */
  public MessageStream openReply() {
    return openStream(StreamOptions.assistant());
  }

  public synchronized MessageStream openStream(StreamOptions options) {
    return store.openStream(need("openStream").id(), Checks.notNull(options, "options"));
  }

  /** A page of the current session's messages. */
  public synchronized Page<Message> messages(MessageQuery query) {
    return store.messages(need("messages").id(), Checks.notNull(query, "query"));
  }

  // ---- saving the current session ------------------------------------------------------------

  /** Replaces the current session's state; {@link StaleVersionException} if it changed since it was read. */
  public synchronized ChatSession saveState(String stateJson) {
    return save(SessionUpdate.state(stateJson));
  }

  /** Replaces the current session's metadata; {@link StaleVersionException} if it changed since it was read. */
  public synchronized ChatSession saveMetadata(ChatMetadata metadata) {
    return save(SessionUpdate.metadata(metadata));
  }

  /** Sets the current session's state to {@code change} of its latest state, retrying on a concurrent change. */
  public synchronized ChatSession updateState(UnaryOperator<String> change) {
    Checks.notNull(change, "change");
    current = VersionedUpdates.apply(store, need("updateState"),
        s -> Optional.of(SessionUpdate.state(Checks.notNull(change.apply(s.stateJson()), "state"))));
    return current;
  }

  /** Sets the current session's metadata to {@code change} of its latest metadata, retrying on a concurrent change. */
  public synchronized ChatSession updateMetadata(UnaryOperator<ChatMetadata> change) {
    Checks.notNull(change, "change");
    current = VersionedUpdates.apply(store, need("updateMetadata"),
        s -> Optional.of(SessionUpdate.metadata(Checks.notNull(change.apply(s.metadata()), "metadata"))));
    return current;
  }

  /** Renames the current session; the title is never replaced by a generated one afterwards. */
  public synchronized ChatSession rename(String title) {
    return rename(need("rename").id(), title);
  }

  /** Renames one of the owner's sessions; the latest rename wins over a concurrent one. */
  public synchronized ChatSession rename(String sessionId, String title) {
    Checks.notBlank(title, "title", Integer.MAX_VALUE);
    ChatSession renamed = VersionedUpdates.apply(store, owned(sessionId),
        s -> s.title().equals(title) ? Optional.empty() : Optional.of(SessionUpdate.title(title)));
    track(renamed);
    return renamed;
  }

  // ---- the owner's sessions ------------------------------------------------------------------

  /** A page of the owner's sessions (of the manager's project, if set), most recently updated first. */
  public Page<SessionSummary> list(PageRequest page) {
    return store.listSessions(query(page).build());
  }

  /** Like {@link #list}, only sessions whose title or any message contains {@code text}, ignoring case. */
  public Page<SessionSummary> find(String text, PageRequest page) {
    return store.listSessions(query(page).text(text).build());
  }

  /** Messages of the owner's sessions containing {@code text}, newest first. */
  public Page<Message> search(String text, PageRequest page) {
    return store.searchMessages(ownerId, text, Checks.notNull(page, "page"));
  }

  /** One of the owner's sessions, deleted or not; {@link SessionNotFoundException} otherwise. */
  public ChatSession get(String sessionId) {
    return owned(sessionId);
  }

  /** Soft-deletes one of the owner's sessions (restorable); it stops being current. Idempotent. */
  public synchronized ChatSession delete(String sessionId) {
    owned(sessionId);
    ChatSession deleted = store.deleteSession(sessionId);
    if (current != null && current.id().equals(sessionId)) {
      current = null;
    }
    return deleted;
  }

  /** Undoes {@link #delete}. Idempotent. */
  public synchronized ChatSession restore(String sessionId) {
    owned(sessionId);
    ChatSession restored = store.restoreSession(sessionId);
    track(restored);
    return restored;
  }

  // ---- forks ---------------------------------------------------------------------------------

  /**
   * Branches the current session after {@code messageId} into a new session that becomes current;
   * it keeps the title and records where it came from. The source is untouched.
   */
  public synchronized ChatSession fork(String messageId) {
    ChatSession source = need("fork");
    current = store.fork(source.id(), messageId, source.title());
    return current;
  }

  /**
   * "Edit and resend": a fork of the current session holding the messages before {@code messageId}
   * (copied exactly: parts, attributes, names, tool calls and results), then the edited message
   * appended to it: the same role, parts, attributes and name, with {@code newContent} in place of
   * its text (an attached image or reasoning stays where it was); not its metadata or tool calls,
   * which described the original reply. The fork becomes current and the original stays as it was.
   * When the edited message is the first one there is nothing to fork from, so the new session is a
   * fresh one with the source's title, metadata and state (no fork origin, and no conversation key:
   * the source keeps it).
   */
  public synchronized EditedFork editAndResend(String messageId, String newContent) {
    ChatSession source = need("editAndResend");
    Checks.notNull(newContent, "newContent");
    EditedFork edited = Branching.editAndResend(store, source, messageId, newContent);
    current = edited.session();
    return edited;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private ChatSession save(SessionUpdate update) {
    ChatSession session = need("save");
    try {
      current = store.updateSession(session.id(), session.version(), update);
      return current;
    } catch (StaleVersionException e) {
      current = store.getSession(session.id());
      throw e;
    }
  }

  private Optional<ChatSession> latest() {
    if (projectId.isEmpty()) {
      return store.latestSession(ownerId);
    }
    List<SessionSummary> top = store.listSessions(
        SessionQuery.forOwner(ownerId).project(projectId.get()).limit(1).build()).items();
    return top.stream().findFirst().flatMap(s -> store.findSession(s.id()));
  }

  private SessionQuery.Builder query(PageRequest page) {
    Checks.notNull(page, "page");
    SessionQuery.Builder q = SessionQuery.forOwner(ownerId).limit(page.limit());
    projectId.ifPresent(q::project);
    page.cursor().ifPresent(q::cursor);
    return q;
  }

  private ChatSession owned(String sessionId) {
    Checks.id(sessionId, "sessionId");
    return store.findSession(sessionId)
        .filter(s -> s.ownerId().equals(ownerId))
        .orElseThrow(() -> new SessionNotFoundException(sessionId));
  }

  private void track(ChatSession session) {
    if (current != null && current.id().equals(session.id())) {
      current = session;
    }
  }

  private ChatSession need(String operation) {
    if (current == null) {
      throw new NoCurrentSessionException(operation);
    }
    return current;
  }

  /** Configures a {@link SessionManager}; each setter validates its argument at once. */
  public static final class Builder {
    private final SessionStore store;
    private final String ownerId;
    private Optional<String> projectId = Optional.empty();
    private TitleGenerator titles = TitleGenerator.firstWords();

    private Builder(SessionStore store, String ownerId) {
      this.store = store;
      this.ownerId = ownerId;
    }

    /** Create sessions in this project, and list and resume only its sessions. */
    public Builder project(String projectId) {
      this.projectId = Optional.of(Checks.ownerId(projectId, "projectId"));
      return this;
    }

    public Builder titleGenerator(TitleGenerator generator) {
      this.titles = Checks.notNull(generator, "titleGenerator");
      return this;
    }

    public SessionManager build() {
      return new SessionManager(this);
    }
  }
}
