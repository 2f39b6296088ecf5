package dev.chatstore.file;

import dev.chatstore.ForwardingSessionStore;
import dev.chatstore.InvalidInputException;
import dev.chatstore.SessionStore;
import dev.chatstore.UnavailableException;
import dev.chatstore.crypto.KeyRotation;
import dev.chatstore.file.internal.FileStore;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.FieldCipher;
import dev.chatstore.spi.StoreBuilder;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A {@link SessionStore} that keeps chats as human-readable files in one folder: an append-only
 * JSON Lines file per session ({@code sessions/ID.jsonl}) plus an index for listing. Appending a
 * message, or flushing a stream, writes one line; nothing ever rewrites a conversation. The format
 * is versioned and documented in the module README so other tools can read it.
 *
 * <p>Durability follows the {@link FsyncPolicy} (every write forced by default): what a call
 * acknowledged survives the process being killed, and with the default policy an OS crash too. A
 * crash leaves at most a torn last line per file, which is ignored (and logged) when the session is
 * next read and set aside before the next write to it. A file damaged anywhere else makes that
 * session alone throw {@link dev.chatstore.CorruptDataException} naming the file and line; listing
 * and every other session keep working and nothing is deleted. On an encrypting store, a message's
 * line whose sealed value does not open makes that message alone throw (naming it too): the session
 * and its other messages read.
 *
 * <p>One store per folder: opening takes an OS lock on {@code .lock}, and a second store (in this
 * process or another) gets an {@link UnavailableException} until the first is closed. Files and
 * folders are created readable by their owner only where the file system has POSIX permissions.
 *
 * <p>Thread-safe; calls on one session are serialized by a per-session lock, calls on different
 * sessions run in parallel. Throws what {@link SessionStore} documents; I/O failures are
 * {@link UnavailableException}.
 */
public final class FileSessionStore extends ForwardingSessionStore {
  /** Default for {@code recoverStreamsIdleFor}: the lock means nothing else is streaming. */
  public static final Duration DEFAULT_RECOVER_STREAMS_IDLE_FOR = Duration.ZERO;
  /** Default for {@link Builder#maxLoadedSessions}. */
  public static final int DEFAULT_MAX_LOADED_SESSIONS = 128;

  private final FileStore store;

  private FileSessionStore(FileStore store) {
    super(store);
    this.store = store;
  }

  /** Opens (creating it if missing) the store in {@code folder} with default settings. */
  public static FileSessionStore open(Path folder) {
    return builder(folder).open();
  }

  /** A builder for a store in {@code folder}, ending in {@code open()}; each setter checks its argument at once. */
  public static Builder builder(Path folder) {
    return new Builder(Checks.notNull(folder, "folder"));
  }

  /** The store's folder, absolute. */
  public Path folder() {
    return store.folder();
  }

  /**
   * The job that re-seals, with the key provider's current key, every session file holding values
   * sealed with an older key or stored before encryption was turned on (and the index), at most
   * {@code batchSize} session files a batch, each rewritten atomically under its own lock: see
   * docs/SEMANTICS.md, "Encryption at rest: file stores". Counts files, not values. A batch that meets a
   * file it cannot read stops with that file's {@code MissingKeyException} or {@code CorruptDataException}.
   * Throws {@link InvalidInputException} naming {@code batchSize} if it is not positive, and naming
   * {@code encryption} if the store was opened without one.
   */
  public KeyRotation keyRotation(int batchSize) {
    return store.keyRotation(Checks.positive(batchSize, "batchSize"));
  }

  /**
   * Opens a {@link FileSessionStore}: the file store's own settings ({@code fsync},
   * {@code maxLoadedSessions}) here, the settings every store shares (limits, clock,
   * {@code recoverStreamsIdleFor}, zero by default: the folder lock means nothing else is streaming)
   * from {@link StoreBuilder}. Each setter checks its argument at once and throws
   * {@link InvalidInputException} naming the property; {@link #open()} may be called more than once
   * (for one folder only while no other store has it open). Not thread-safe.
   */
  public static final class Builder extends StoreBuilder<Builder, FileSessionStore> {
    private final Path folder;
    private FsyncPolicy fsync = FsyncPolicy.everyWrite();
    private int maxLoadedSessions = DEFAULT_MAX_LOADED_SESSIONS;

    private Builder(Path folder) {
      this.folder = folder;
    }

    /** When writes are forced to disk; {@link FsyncPolicy#everyWrite()} by default. */
    public Builder fsync(FsyncPolicy policy) {
      this.fsync = Checks.notNull(policy, "fsync");
      return this;
    }

    /**
     * How many sessions keep their in-memory index (a few hundred bytes a message, never the
     * content) and an open file; past it the least recently used are unloaded, and replayed from
     * their file when next used. {@value #DEFAULT_MAX_LOADED_SESSIONS} by default.
     */
    public Builder maxLoadedSessions(int sessions) {
      this.maxLoadedSessions = Checks.positive(sessions, "maxLoadedSessions");
      return this;
    }

    /**
     * Opens the store, creating the folder if missing. Throws {@link UnavailableException} if the
     * folder cannot be created or read, or another store holds it.
     */
    @Override
    public FileSessionStore open() {
      return new FileSessionStore(FileStore.open(new FileStore.Settings(folder, options().limits(),
          options().clock(), fsync, options().recoverStreamsIdleFor().orElse(DEFAULT_RECOVER_STREAMS_IDLE_FOR),
          maxLoadedSessions, FieldCipher.of(options().encryption()))));
    }
  }
}
