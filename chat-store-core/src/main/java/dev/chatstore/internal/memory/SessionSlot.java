package dev.chatstore.internal.memory;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.ForkOrigin;
import dev.chatstore.Message;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StaleVersionException;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolExecution;
import dev.chatstore.Role;
import dev.chatstore.spi.ForkCopy;
import dev.chatstore.spi.MessageRange;
import dev.chatstore.spi.SessionKeyset;
import dev.chatstore.spi.Revisions;
import dev.chatstore.spi.StreamDelta;
import dev.chatstore.spi.StreamRecovery;
import dev.chatstore.spi.TextMatch;
import dev.chatstore.spi.ToolPairing;
import dev.chatstore.spi.Ids;
import dev.chatstore.spi.Previews;
import dev.chatstore.spi.Times;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * One session of the in-memory store and its messages, held in a list indexed by {@code seq - 1}:
 * an append adds at the end and a page is a sub-list, whatever the length of the conversation.
 *
 * <p>Thread-safe: each method holds the slot's monitor for its whole step, which makes every step
 * atomic and seqs gap-free. Methods throw {@link SessionNotFoundException} once the slot is purged,
 * {@link ConflictException} ({@code SESSION_DELETED}) for writes to a deleted session, and
 * {@link MessageNotFoundException} for an unknown message id. Arguments arrive validated.
 */
final class SessionSlot {
  private final Clock clock;
  private final String id;
  private final String ownerId;
  private final Optional<String> projectId;
  private final Instant createdAt;
  private final Optional<ForkOrigin> forkedFrom;
  private final Optional<String> key;
  private String title;
  private ChatMetadata metadata;
  private String stateJson;
  private Instant updatedAt;
  private long version = 1;
  private Optional<Instant> deletedAt = Optional.empty();
  private String preview = "";
  private final List<StoredMessage> messages = new ArrayList<>();
  private final Map<String, StoredMessage> byId = new HashMap<>();
  private final Set<StoredMessage> unfinished = new LinkedHashSet<>(); // PENDING or STREAMING
  private boolean purged;
  private ChatSession snapshot;

  SessionSlot(Clock clock, String id, String ownerId, Optional<String> projectId, String title,
      ChatMetadata metadata, String stateJson, Optional<ForkOrigin> forkedFrom, Optional<String> key) {
    this.clock = clock;
    this.id = id;
    this.ownerId = ownerId;
    this.projectId = projectId;
    this.title = title;
    this.metadata = metadata;
    this.stateJson = stateJson;
    this.forkedFrom = forkedFrom;
    this.key = key;
    this.createdAt = Times.now(clock);
    this.updatedAt = createdAt;
  }

  String id() {
    return id;
  }

  String ownerId() {
    return ownerId;
  }

  Optional<String> key() {
    return key;
  }

  // ---- the session ---------------------------------------------------------------------------

  synchronized ChatSession session() {
    live();
    if (snapshot == null) {
      snapshot = new ChatSession(id, ownerId, projectId, title, metadata, stateJson, createdAt, updatedAt,
          messages.size(), version, deletedAt, forkedFrom, key);
    }
    return snapshot;
  }

  synchronized Optional<ChatSession> find() {
    return purged ? Optional.empty() : Optional.of(session());
  }

  /** This session as a list row if it passes the query's filters (owner aside). */
  synchronized Optional<SessionSummary> listed(SessionQuery query, Optional<TextMatch> text) {
    if (purged || (deletedAt.isPresent() && !query.includeDeleted())
        || (query.projectId().isPresent() && !query.projectId().equals(projectId))) {
      return Optional.empty();
    }
    if (text.isPresent() && !mentions(text.get())) {
      return Optional.empty();
    }
    return Optional.of(new SessionSummary(id, ownerId, projectId, title, createdAt, updatedAt, messages.size(), preview,
        deletedAt, key));
  }

  /** When this session would sort in "latest", or empty if it is deleted or gone. */
  synchronized Optional<SessionKeyset.Key> latestKey() {
    if (purged || deletedAt.isPresent()) {
      return Optional.empty();
    }
    return Optional.of(new SessionKeyset.Key(updatedAt, id));
  }

  private boolean mentions(TextMatch text) {
    if (text.matches(title)) {
      return true;
    }
    for (StoredMessage m : messages) {
      if (text.matches(m.content())) {
        return true;
      }
    }
    return false;
  }

  synchronized ChatSession update(long expectedVersion, SessionUpdate update, Optional<ChatMetadata> newMetadata) {
    writable();
    if (version != expectedVersion) {
      throw new StaleVersionException(id, expectedVersion, version);
    }
    update.title().ifPresent(t -> title = t);
    newMetadata.ifPresent(m -> metadata = m);
    update.stateJson().ifPresent(s -> stateJson = s);
    changed(true);
    return session();
  }

  synchronized ChatSession delete() {
    live();
    if (deletedAt.isEmpty()) {
      deletedAt = Optional.of(Times.now(clock));
      changed(true);
    }
    return session();
  }

  synchronized ChatSession restore() {
    live();
    if (deletedAt.isPresent()) {
      deletedAt = Optional.empty();
      changed(true);
    }
    return session();
  }

  synchronized void purge() {
    live();
    purged = true;
  }

  // ---- messages ------------------------------------------------------------------------------

  /** Appends the batch at consecutive seqs; checks every id first, so it is all or none. */
  synchronized List<Message> append(List<NewMessage> batch) {
    writable();
    for (NewMessage m : batch) {
      if (byId.containsKey(m.id())) {
        throw exists(m.id());
      }
    }
    Instant now = Times.now(clock);
    List<Message> added = new ArrayList<>(batch.size());
    for (NewMessage m : batch) {
      Instant created = m.createdAt().map(Times::micros).orElse(now);
      Message message = new Message(m.id(), id, messages.size() + 1L, m.role(), m.parts(), m.status(),
          m.toolCalls(), m.toolResults(), m.metadata(), m.attributesJson(), m.name(), created, created);
      add(StoredMessage.of(message));
      added.add(message);
    }
    preview = Previews.of(added.get(added.size() - 1).content());
    changed(false, now);
    return added;
  }

  synchronized Optional<Message> findMessage(String messageId) {
    live();
    StoredMessage m = byId.get(messageId);
    return m == null ? Optional.empty() : Optional.of(m.snapshot());
  }

  synchronized List<MessageRevision> revisions(String messageId) {
    live();
    StoredMessage m = message(messageId);
    return Revisions.history(m.snapshot(), m.revisions());
  }

  synchronized Page<Message> page(MessageQuery query) {
    live();
    MessageRange range = MessageRange.of(query, messages.size());
    List<Message> items = new ArrayList<>(range.size());
    for (long seq = range.fromSeq(); seq <= range.toSeq(); seq++) {
      items.add(messages.get((int) seq - 1).snapshot());
    }
    return range.page(items);
  }

  synchronized Message updateMessage(String messageId, MessageUpdate update, Optional<MessageMetadata> newMetadata,
      BiPredicate<String, String> streamOpen) {
    writable();
    StoredMessage m = message(messageId);
    if (streamOpen.test(id, messageId)) {
      throw new ConflictException(ConflictException.Reason.STREAM_OPEN,
          "message " + messageId + " is being streamed; end its stream instead");
    }
    if (update.parts().isPresent()) {
      Message before = m.snapshot();
      Revisions.checkRevisable(before);
      Instant now = Times.now(clock);
      Message after = Revisions.revised(before, update, newMetadata, now);
      m.revise(after, Revisions.toStore(before, after, update));
      if (m.seq() == messages.size()) {
        preview = Previews.of(m.content());
      }
      changed(false, now);
      return m.snapshot();
    }
    boolean ends = !m.status().isFinal() && update.status().isPresent();
    m.update(update.status(), newMetadata, Times.now(clock));
    if (ends) {
      ended(m);
    }
    return m.snapshot();
  }

  /** Messages whose content contains the folded text; none while the session is deleted or gone. */
  synchronized List<Message> search(TextMatch text) {
    List<Message> hits = new ArrayList<>();
    if (purged || deletedAt.isPresent()) {
      return hits;
    }
    for (StoredMessage m : messages) {
      if (text.matches(m.content())) {
        hits.add(m.snapshot());
      }
    }
    return hits;
  }

  synchronized List<ToolExecution> toolExecutions() {
    live();
    List<ToolPairing.ToolTurn> turns = new ArrayList<>();
    for (StoredMessage m : messages) {
      if (m.role() == Role.ASSISTANT && !m.toolCalls().isEmpty()) {
        turns.add(ToolPairing.ToolTurn.calls(m.seq(), m.id(), m.toolCalls()));
      } else if (m.role() == Role.TOOL && !m.toolResults().isEmpty()) {
        turns.add(ToolPairing.ToolTurn.results(m.seq(), m.id(), m.toolResults()));
      }
    }
    return ToolPairing.pair(turns);
  }

  // ---- streams -------------------------------------------------------------------------------

  synchronized Message begin(String messageId, StreamOptions options, MessageMetadata storedMetadata) {
    writable();
    if (byId.containsKey(messageId)) {
      throw exists(messageId);
    }
    Instant now = Times.now(clock);
    Message message = new Message(messageId, id, messages.size() + 1L, options.role(), List.of(),
        MessageStatus.PENDING, List.of(), List.of(), storedMetadata, NewMessage.NO_ATTRIBUTES, Optional.empty(), now,
        now);
    add(StoredMessage.of(message));
    changed(false, now);
    return message;
  }

  synchronized void write(String messageId, StreamDelta delta) {
    live();
    Instant now = Times.now(clock);
    message(messageId).write(delta, now);
    changed(false, now);
  }

  synchronized Message finish(String messageId, StreamDelta delta, MessageStatus status,
      MessageMetadata storedMetadata) {
    live();
    StoredMessage m = message(messageId);
    Instant now = Times.now(clock);
    m.finish(delta, status, storedMetadata, now);
    ended(m);
    changed(false, now);
    return m.snapshot();
  }

  /** Marks INTERRUPTED the unfinished messages last written at or before {@code cutoff} and not open. */
  synchronized int recover(StreamRecovery recovery, BiPredicate<String, String> streamOpen) {
    if (purged) {
      return 0;
    }
    int marked = 0;
    for (StoredMessage m : List.copyOf(unfinished)) {
      if (recovery.marks(m.status(), m.updatedAt(), streamOpen.test(id, m.id()))) {
        m.update(Optional.of(MessageStatus.INTERRUPTED), Optional.empty(), Times.now(clock));
        ended(m);
        marked++;
      }
    }
    return marked;
  }

  // ---- fork ----------------------------------------------------------------------------------

  /** A new slot holding copies of this session's messages up to {@code messageId}. */
  synchronized SessionSlot fork(String messageId, String newId, String newTitle) {
    writable();
    StoredMessage last = message(messageId);
    SessionSlot copy = new SessionSlot(clock, newId, ownerId, projectId, newTitle, metadata, stateJson,
        Optional.of(new ForkOrigin(id, messageId)), Optional.empty()); // a key names one session: not the fork
    for (StoredMessage m : messages.subList(0, (int) last.seq())) {
      copy.add(StoredMessage.of(ForkCopy.of(m.snapshot(), newId, Ids.next())));
    }
    copy.preview = Previews.of(last.content());
    return copy;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private void add(StoredMessage m) {
    messages.add(m);
    byId.put(m.id(), m);
    if (!m.status().isFinal()) {
      unfinished.add(m);
    }
  }

  /** A stream's end (however it came): the preview follows it if it is still the last message. */
  private void ended(StoredMessage m) {
    unfinished.remove(m);
    if (m.seq() == messages.size()) {
      preview = Previews.of(m.content());
    }
  }

  private void changed(boolean bumpVersion) {
    changed(bumpVersion, Times.now(clock));
  }

  private void changed(boolean bumpVersion, Instant now) {
    if (bumpVersion) {
      version++;
    }
    updatedAt = now;
    snapshot = null;
  }

  private StoredMessage message(String messageId) {
    StoredMessage m = byId.get(messageId);
    if (m == null) {
      throw new MessageNotFoundException(id, messageId);
    }
    return m;
  }

  private void live() {
    if (purged) {
      throw new SessionNotFoundException(id);
    }
  }

  private void writable() {
    live();
    if (deletedAt.isPresent()) {
      throw new ConflictException(ConflictException.Reason.SESSION_DELETED,
          "session " + id + " is deleted; restore it first");
    }
  }

  private ConflictException exists(String messageId) {
    return new ConflictException(ConflictException.Reason.ALREADY_EXISTS,
        "message " + messageId + " already exists in session " + id);
  }
}
