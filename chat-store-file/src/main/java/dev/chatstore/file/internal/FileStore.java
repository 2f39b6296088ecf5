package dev.chatstore.file.internal;

import dev.chatstore.ChatSession;
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
import dev.chatstore.StoreLimits;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolExecution;
import dev.chatstore.crypto.KeyRotation;
import dev.chatstore.file.FsyncPolicy;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.FieldCipher;
import dev.chatstore.spi.InputRules;
import dev.chatstore.spi.OwnerOnly;
import dev.chatstore.spi.StreamSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-backed {@link SessionStore}: wires the folder, its lock, the session registry, the
 * writer, the stream engine and the index together, and runs every call through the {@link Gate}.
 * Thread-safe; see {@code dev.chatstore.file.FileSessionStore} for the behaviour.
 */
public final class FileStore implements SessionStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);

  /** What the public builder collected, validated, with the defaults applied. */
  public record Settings(Path folder, StoreLimits limits, Clock clock, FsyncPolicy fsync,
      Duration recoverStreamsIdleFor, int maxLoadedSessions, FieldCipher cipher) {}

  private final StoreFolder folder;
  private final FolderLock lock;
  private final FileContext ctx;
  private final Gate gate;
  private final IndexKeeper index;
  private final SessionOps sessionOps;
  private final MessageOps messageOps;
  private final Listing listing;
  private final Forker forker;
  private final Recovery recovery;
  private volatile boolean closing;

  private FileStore(StoreFolder folder, FolderLock lock, FileContext ctx, Gate gate) {
    this.folder = folder;
    this.lock = lock;
    this.ctx = ctx;
    this.gate = gate;
    this.index = new IndexKeeper(ctx);
    this.sessionOps = new SessionOps(ctx);
    this.messageOps = new MessageOps(ctx);
    this.listing = new Listing(ctx);
    this.forker = new Forker(ctx, sessionOps);
    this.recovery = new Recovery(ctx);
  }

  /** Opens (creating if need be) the folder, takes its lock, loads the index and recovers streams. */
  public static FileStore open(Settings settings) {
    StoreFolder folder = new StoreFolder(settings.folder());
    try {
      OwnerOnly.createFolders(folder.root);
    } catch (IOException e) {
      throw Durable.unavailable("creating the store folder", folder.root, e);
    }
    FolderLock lock = FolderLock.acquire(folder.lockFile);
    Syncer syncer = new Syncer(settings.fsync());
    Gate gate = new Gate(folder.root);
    FileContext ctx = new FileContext(folder, new InputRules(settings.limits()), settings.clock(), syncer,
        settings.maxLoadedSessions(), gate, settings.cipher());
    FileStore store = new FileStore(folder, lock, ctx, gate);
    try {
      OwnerOnly.createFolders(folder.sessions);
      store.index.open();
      int recovered = store.recovery.recover(settings.recoverStreamsIdleFor());
      if (recovered > 0) {
        LOG.info("{}: {} stream(s) left unfinished by an earlier process marked INTERRUPTED", folder.root,
            recovered);
      }
      return store;
    } catch (IOException | RuntimeException e) {
      ctx.engine.close();
      syncer.close();
      ctx.sessions.unloadAll();
      lock.close();
      if (e instanceof IOException io) {
        throw Durable.unavailable("opening the store", folder.root, io);
      }
      throw (RuntimeException) e;
    }
  }

  public Path folder() {
    return folder.root;
  }

  /**
   * The job that re-seals what older keys (or no key) sealed with the current one, {@code batchSize}
   * session files a batch; {@link InvalidInputException} naming {@code encryption} if the store does not
   * encrypt.
   */
  public KeyRotation keyRotation(int batchSize) {
    if (!ctx.cipher.encrypts()) {
      throw new InvalidInputException("encryption", "the store at " + folder.root
          + " was opened without encryption, so it has no key to rotate to");
    }
    return new Rotation(ctx, index, gate, batchSize);
  }

  /** The sink the store's streams write through, for tests of the group calls the engine makes. */
  StreamSink streamSink() {
    return ctx.sink;
  }

  @Override
  public ChatSession createSession(NewSession session) {
    Checks.notNull(session, "session");
    return gate.run(() -> sessionOps.create(session));
  }

  @Override
  public Optional<ChatSession> findSession(String sessionId) {
    return gate.run(() -> sessionOps.find(sessionId));
  }

  @Override
  public Page<SessionSummary> listSessions(SessionQuery query) {
    return gate.run(() -> listing.list(query));
  }

  @Override
  public Optional<ChatSession> findSessionByKey(String ownerId, String key) {
    return gate.run(() -> sessionOps.findByKey(ownerId, key));
  }

  @Override
  public Optional<ChatSession> latestSession(String ownerId) {
    return gate.run(() -> sessionOps.latest(ownerId));
  }

  @Override
  public ChatSession updateSession(String sessionId, long expectedVersion, SessionUpdate update) {
    return gate.run(() -> sessionOps.update(sessionId, expectedVersion, update));
  }

  @Override
  public ChatSession deleteSession(String sessionId) {
    return gate.run(() -> sessionOps.setDeleted(sessionId, true));
  }

  @Override
  public ChatSession restoreSession(String sessionId) {
    return gate.run(() -> sessionOps.setDeleted(sessionId, false));
  }

  @Override
  public void purgeSession(String sessionId) {
    gate.run(() -> {
      sessionOps.purge(sessionId);
      return null;
    });
  }

  @Override
  public Message append(String sessionId, NewMessage message) {
    return gate.run(() -> messageOps.append(sessionId, message));
  }

  @Override
  public List<Message> appendAll(String sessionId, List<NewMessage> messages) {
    return gate.run(() -> messageOps.appendAll(sessionId, messages));
  }

  @Override
  public Optional<Message> findMessage(String sessionId, String messageId) {
    return gate.run(() -> messageOps.find(sessionId, messageId));
  }

  @Override
  public Page<Message> messages(String sessionId, MessageQuery query) {
    return gate.run(() -> messageOps.page(sessionId, query));
  }

  @Override
  public Message updateMessage(String sessionId, String messageId, MessageUpdate update) {
    return gate.run(() -> messageOps.update(sessionId, messageId, update));
  }

  @Override
  public List<MessageRevision> messageRevisions(String sessionId, String messageId) {
    return gate.run(() -> messageOps.revisions(sessionId, messageId));
  }

  @Override
  public Page<Message> searchMessages(String ownerId, String text, PageRequest page) {
    return gate.run(() -> listing.search(ownerId, text, page));
  }

  @Override
  public List<ToolExecution> toolExecutions(String sessionId) {
    return gate.run(() -> messageOps.toolExecutions(sessionId));
  }

  @Override
  public MessageStream openStream(String sessionId, StreamOptions options) {
    Checks.id(sessionId, "sessionId");
    Checks.notNull(options, "options");
    return gate.run(() -> {
      if (closing) {
        throw new dev.chatstore.UnavailableException("the file store at " + folder.root + " is closing");
      }
      return ctx.engine.open(sessionId, options);
    });
  }

  @Override
  public ChatSession fork(String sessionId, String upToMessageId, String title) {
    return gate.run(() -> forker.fork(sessionId, upToMessageId, title));
  }

  @Override
  public int recoverAbandonedStreams(Duration idleFor) {
    return gate.run(() -> recovery.recover(idleFor));
  }

  /**
   * Ends open streams as INTERRUPTED, writes the index, closes the files and releases the folder's
   * lock. Failures are logged, not thrown: the next open recovers from whatever state is left.
   */
  @Override
  public void close() {
    if (gate.isClosed()) {
      return;
    }
    closing = true;
    ctx.engine.close(); // streams end through the sink, so before the gate shuts
    gate.close(() -> {
      try {
        ctx.syncer.close();
        ctx.sessions.unloadAll();
        index.close();
      } catch (IOException | RuntimeException e) {
        LOG.error("{}: closing did not complete cleanly ({}); the next open will check the index", folder.root,
            e.toString(), e);
      } finally {
        lock.close();
      }
    });
  }
}
