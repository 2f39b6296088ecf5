package dev.chatstore.internal.memory;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageQuery;
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
import dev.chatstore.StoreLimits;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolExecution;
import dev.chatstore.UnavailableException;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.SearchKeyset;
import dev.chatstore.spi.SessionKeyset;
import dev.chatstore.spi.StreamRecovery;
import dev.chatstore.spi.TextMatch;
import java.util.Comparator;
import dev.chatstore.spi.Ids;
import dev.chatstore.spi.InputRules;
import dev.chatstore.spi.Times;
import dev.chatstore.spi.StreamEngine;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference {@link SessionStore}: everything in memory, lost when the JVM exits. What the other
 * backends are checked against, and a fast store for tests and throwaway chats.
 *
 * <p>Thread-safe: each session has its own lock, so sessions never wait for one another and appends
 * to one session get gap-free seqs. Metadata goes through the codecs on the way in, as it would on
 * its way to disk, so what reads back equals what a persistent backend returns. Throws what
 * {@link SessionStore} documents, and {@link UnavailableException} once closed.
 */
public final class InMemorySessionStore implements SessionStore {
  private final Clock clock;
  private final InputRules rules;
  private final Map<String, SessionSlot> sessions = new ConcurrentHashMap<>();
  private final Map<String, Map<String, SessionSlot>> byOwner = new ConcurrentHashMap<>();
  private final Map<OwnerKey, SessionSlot> byKey = new ConcurrentHashMap<>();
  private final StreamEngine engine;
  private volatile boolean closed;

  private InMemorySessionStore(Builder builder) {
    this.clock = builder.clock;
    this.rules = new InputRules(builder.limits);
    this.engine = new StreamEngine(new MemorySink(this::slot, this::stored), rules);
  }

  /** A store with the system clock and default limits. */
  public static InMemorySessionStore create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---- sessions ----------------------------------------------------------------------------

  @Override
  public ChatSession createSession(NewSession session) {
    requireOpen();
    String metadata = rules.check(session);
    String id = session.id().orElseGet(Ids::next);
    SessionSlot slot = new SessionSlot(clock, id, session.ownerId(), session.projectId(), session.title(),
        rules.chatCodec().decode(metadata), session.stateJson(), Optional.empty(), session.key());
    publish(slot);
    return slot.session();
  }

  @Override
  public Optional<ChatSession> findSession(String sessionId) {
    requireOpen();
    Checks.id(sessionId, "sessionId");
    SessionSlot slot = sessions.get(sessionId);
    return slot == null ? Optional.empty() : slot.find();
  }

  @Override
  public Optional<ChatSession> findSessionByKey(String ownerId, String key) {
    requireOpen();
    SessionSlot slot = byKey.get(new OwnerKey(Checks.ownerId(ownerId, "ownerId"), NewSession.key(key)));
    return slot == null ? Optional.empty() : slot.find();
  }

  @Override
  public Page<SessionSummary> listSessions(SessionQuery query) {
    requireOpen();
    Checks.notNull(query, "query");
    SessionKeyset keyset = SessionKeyset.of(query); // a bad cursor fails before any work
    Optional<TextMatch> text = query.text().map(TextMatch::of);
    List<SessionSummary> rows = new ArrayList<>();
    for (SessionSlot slot : ownedBy(query.ownerId())) {
      slot.listed(query, text).ifPresent(rows::add);
    }
    return keyset.pageOf(rows, s -> new SessionKeyset.Key(s.updatedAt(), s.id()));
  }

  @Override
  public Optional<ChatSession> latestSession(String ownerId) {
    requireOpen();
    Checks.ownerId(ownerId, "ownerId");
    Comparator<SessionKeyset.Key> order =
        Comparator.comparing(SessionKeyset.Key::updatedAt).thenComparing(SessionKeyset.Key::id);
    SessionKeyset.Key best = null;
    SessionSlot bestSlot = null;
    for (SessionSlot slot : ownedBy(ownerId)) {
      Optional<SessionKeyset.Key> row = slot.latestKey();
      if (row.isPresent() && (best == null || order.compare(row.get(), best) > 0)) {
        best = row.get();
        bestSlot = slot;
      }
    }
    return bestSlot == null ? Optional.empty() : bestSlot.find();
  }

  @Override
  public ChatSession updateSession(String sessionId, long expectedVersion, SessionUpdate update) {
    requireOpen();
    Checks.id(sessionId, "sessionId");
    Checks.notNegative(expectedVersion, "expectedVersion");
    rules.check(update);
    Optional<ChatMetadata> metadata = update.metadata().map(this::stored);
    return slot(sessionId).update(expectedVersion, update, metadata);
  }

  @Override
  public ChatSession deleteSession(String sessionId) {
    requireOpen();
    return slot(Checks.id(sessionId, "sessionId")).delete();
  }

  @Override
  public ChatSession restoreSession(String sessionId) {
    requireOpen();
    return slot(Checks.id(sessionId, "sessionId")).restore();
  }

  @Override
  public void purgeSession(String sessionId) {
    requireOpen();
    SessionSlot slot = slot(Checks.id(sessionId, "sessionId"));
    slot.purge();
    sessions.remove(sessionId, slot);
    slot.key().ifPresent(k -> byKey.remove(new OwnerKey(slot.ownerId(), k), slot));
    Map<String, SessionSlot> owned = byOwner.get(slot.ownerId());
    if (owned != null) {
      owned.remove(sessionId, slot);
    }
  }

  // ---- messages ----------------------------------------------------------------------------

  @Override
  public Message append(String sessionId, NewMessage message) {
    return appendAll(sessionId, List.of(Checks.notNull(message, "message")), false).get(0);
  }

  @Override
  public List<Message> appendAll(String sessionId, List<NewMessage> messages) {
    return appendAll(sessionId, messages, true);
  }

  private List<Message> appendAll(String sessionId, List<NewMessage> messages, boolean batch) {
    requireOpen();
    Checks.id(sessionId, "sessionId");
    // checkBatch also refuses an id repeated inside the batch
    List<String> metadata = batch ? rules.checkBatch(messages) : List.of(rules.check(messages.get(0)));
    List<NewMessage> prepared = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      NewMessage m = messages.get(i);
      prepared.add(m.toBuilder().metadata(rules.messageCodec().decode(metadata.get(i))).build());
    }
    return slot(sessionId).append(prepared);
  }

  @Override
  public Optional<Message> findMessage(String sessionId, String messageId) {
    requireOpen();
    Checks.id(sessionId, "sessionId");
    Checks.id(messageId, "messageId");
    SessionSlot slot = sessions.get(sessionId);
    return slot == null ? Optional.empty() : slot.findMessage(messageId);
  }

  @Override
  public Page<Message> messages(String sessionId, MessageQuery query) {
    requireOpen();
    Checks.id(sessionId, "sessionId");
    Checks.notNull(query, "query");
    return slot(sessionId).page(query);
  }

  @Override
  public Message updateMessage(String sessionId, String messageId, MessageUpdate update) {
    requireOpen();
    Checks.id(sessionId, "sessionId");
    Checks.id(messageId, "messageId");
    rules.check(update);
    Optional<MessageMetadata> metadata = update.metadata().map(this::stored);
    return slot(sessionId).updateMessage(messageId, update, metadata, engine::isOpen);
  }

  @Override
  public List<MessageRevision> messageRevisions(String sessionId, String messageId) {
    requireOpen();
    Checks.id(sessionId, "sessionId");
    Checks.id(messageId, "messageId");
    return slot(sessionId).revisions(messageId);
  }

  @Override
  public Page<Message> searchMessages(String ownerId, String text, PageRequest page) {
    requireOpen();
    Checks.ownerId(ownerId, "ownerId");
    Checks.notBlank(text, "text", SessionQuery.MAX_TEXT_LENGTH);
    Checks.notNull(page, "page");
    SearchKeyset keyset = SearchKeyset.of(page); // a bad cursor fails before any work
    TextMatch match = TextMatch.of(text);
    List<Message> hits = new ArrayList<>();
    for (SessionSlot slot : ownedBy(ownerId)) {
      hits.addAll(slot.search(match));
    }
    return keyset.pageOf(hits, Message::id);
  }

  @Override
  public List<ToolExecution> toolExecutions(String sessionId) {
    requireOpen();
    return slot(Checks.id(sessionId, "sessionId")).toolExecutions();
  }

  // ---- streaming ---------------------------------------------------------------------------

  @Override
  public MessageStream openStream(String sessionId, StreamOptions options) {
    requireOpen();
    Checks.id(sessionId, "sessionId");
    Checks.notNull(options, "options");
    return engine.open(sessionId, options);
  }

  // ---- fork and recovery -------------------------------------------------------------------

  @Override
  public ChatSession fork(String sessionId, String upToMessageId, String title) {
    requireOpen();
    Checks.id(sessionId, "sessionId");
    Checks.id(upToMessageId, "upToMessageId");
    rules.title(title);
    SessionSlot copy = slot(sessionId).fork(upToMessageId, Ids.next(), title);
    publish(copy);
    return copy.session();
  }

  @Override
  public int recoverAbandonedStreams(Duration idleFor) {
    requireOpen();
    StreamRecovery recovery = StreamRecovery.at(Times.now(clock), idleFor);
    int marked = 0;
    for (SessionSlot slot : sessions.values()) {
      marked += slot.recover(recovery, engine::isOpen);
    }
    return marked;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      engine.close();
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

  private void requireOpen() {
    if (closed) {
      throw new UnavailableException("the in-memory store is closed");
    }
  }

  private SessionSlot slot(String sessionId) {
    SessionSlot slot = sessions.get(sessionId);
    if (slot == null) {
      throw new SessionNotFoundException(sessionId);
    }
    return slot;
  }

  private void publish(SessionSlot slot) {
    if (sessions.putIfAbsent(slot.id(), slot) != null) {
      throw new ConflictException(ConflictException.Reason.ALREADY_EXISTS, "session " + slot.id() + " already exists");
    }
    if (slot.key().isPresent() && byKey.putIfAbsent(new OwnerKey(slot.ownerId(), slot.key().get()), slot) != null) {
      sessions.remove(slot.id(), slot);
      throw new ConflictException(ConflictException.Reason.ALREADY_EXISTS,
          "owner " + slot.ownerId() + " already has a session with this key");
    }
    byOwner.computeIfAbsent(slot.ownerId(), k -> new ConcurrentHashMap<>()).put(slot.id(), slot);
  }

  private Iterable<SessionSlot> ownedBy(String ownerId) {
    Map<String, SessionSlot> owned = byOwner.get(ownerId);
    return owned == null ? List.of() : owned.values();
  }

  /** Validated and passed through the codec, exactly as a persistent store would read it back. */
  private ChatMetadata stored(ChatMetadata metadata) {
    return rules.chatCodec().decode(rules.encode(metadata));
  }

  private MessageMetadata stored(MessageMetadata metadata) {
    return rules.messageCodec().decode(rules.encode(metadata));
  }

  /** Builds an {@link InMemorySessionStore}; each setter validates its argument at once. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private StoreLimits limits = StoreLimits.defaults();

    private Builder() {}

    /** The clock timestamps come from (truncated to microseconds); the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull(clock, "clock");
      return this;
    }

    public Builder limits(StoreLimits limits) {
      this.limits = Checks.notNull(limits, "limits");
      return this;
    }

    public InMemorySessionStore build() {
      return new InMemorySessionStore(this);
    }
  }

  /** A conversation key is unique per owner: the same key under two owners is two sessions. */
  private record OwnerKey(String ownerId, String key) {}
}
