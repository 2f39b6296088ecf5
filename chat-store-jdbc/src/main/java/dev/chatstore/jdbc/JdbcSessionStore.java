package dev.chatstore.jdbc;

import dev.chatstore.ForwardingSessionStore;
import dev.chatstore.InvalidInputException;
import dev.chatstore.SessionStore;
import dev.chatstore.UnavailableException;
import dev.chatstore.crypto.KeyRotation;
import dev.chatstore.crypto.RotationProgress;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.OwnerOnly;
import dev.chatstore.spi.StoreBuilder;
import dev.chatstore.jdbc.internal.Dialect;
import dev.chatstore.jdbc.internal.H2Urls;
import dev.chatstore.jdbc.internal.JdbcKeyRotation;
import dev.chatstore.jdbc.internal.StoreOpener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link SessionStore} in a relational database through JDBC (Jdbi 3): an H2 file in a folder as the
 * zero-config embedded default, or PostgreSQL for many hosts writing at once. Opening a store brings
 * the schema up to date (versioned migrations) and marks streams a dead process left unfinished as
 * INTERRUPTED.
 *
 * <pre>{@code
 * SessionStore store = JdbcSessionStore.h2(Path.of("chats"));         // embedded, one process
 * SessionStore shared = JdbcSessionStore.postgres(hostsPooledDataSource);
 * }</pre>
 *
 * <p>Thread-safe. Throws what {@link SessionStore} documents: every SQLException surfaces as
 * {@link UnavailableException} (safe to retry; nothing half-written) or, for a damaged row,
 * {@link dev.chatstore.CorruptDataException} naming the table and key. Opening throws
 * {@link SchemaVersionException} for a database written by a newer chat-store, and
 * {@link InvalidInputException} for a database that is neither H2 nor PostgreSQL.
 */
public final class JdbcSessionStore extends ForwardingSessionStore {
  /**
   * How long a stream must have been silent before opening a PostgreSQL store (or a shared H2 server)
   * marks it INTERRUPTED: other processes may be streaming into the same database, and their streams
   * write at least every {@link dev.chatstore.FlushPolicy#maxDelay()} while text arrives.
   */
  public static final Duration DEFAULT_SHARED_RECOVERY_IDLE = Duration.ofMinutes(2);
  /** Connections the pool of a store built from a URL holds at most. */
  public static final int DEFAULT_MAX_CONNECTIONS = 10;

  private JdbcSessionStore(SessionStore delegate) {
    super(delegate);
  }

  /**
   * The embedded default: an H2 database file ({@value H2Urls#FILE_NAME}.mv.db) in {@code folder},
   * created if missing, opened with settings under which every acknowledged write survives the JVM
   * being killed. One process at a time (H2 locks the file); see {@link Builder#shareWithOtherProcesses()}.
   */
  public static JdbcSessionStore h2(Path folder) {
    return h2Builder(folder).open();
  }

  /**
   * A builder for the embedded default in {@code folder}, as {@link #h2(Path)} opens it, for the
   * settings it does not set: limits, clock, recovery, {@link Builder#shareWithOtherProcesses()}.
   * The folder is created now if missing, readable by its owner only.
   */
  public static Builder h2Builder(Path folder) {
    Checks.notNull(folder, "folder");
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new InvalidInputException("folder", "is not a directory: " + folder);
    }
    try {
      OwnerOnly.createFolders(folder);
    } catch (IOException e) {
      throw new UnavailableException("could not create the folder " + folder + ": " + e.getMessage(), e);
    }
    return builder().url(H2Urls.file(folder));
  }

  /** A store in the PostgreSQL database behind {@code dataSource}; bring a pooled one (HikariCP...). */
  public static JdbcSessionStore postgres(DataSource dataSource) {
    Builder builder = builder().dataSource(dataSource);
    builder.required = Optional.of(Dialect.POSTGRESQL);
    return builder.open();
  }

  /**
   * The job that re-encrypts this store's values with its key provider's current key, {@code batchSize}
   * values per transaction (see {@link KeyRotation}): run it after making a new key current, or after
   * turning encryption on for a store that held plain values, until {@link RotationProgress#done()}.
   * Each batch locks the sessions it rewrites for that batch only; a value a writer changes meanwhile
   * is never overwritten. Stopped at any point, it resumes where it stopped. One job walks each table
   * once in key order; the {@code remaining} a batch reports is the exact count taken when its pass
   * began less what the pass rewrote, counted exactly again when the pass ends, and
   * {@link KeyRotation#progress()} always counts exactly. A value that does not open stops the batch
   * with its {@link dev.chatstore.crypto.MissingKeyException} or {@link dev.chatstore.CorruptDataException}.
   *
   * @throws InvalidInputException if {@code batchSize} is not positive, or the store was opened
   *     without encryption
   */
  public KeyRotation keyRotation(int batchSize) {
    return JdbcKeyRotation.of(delegate(), batchSize);
  }

  /** A builder for any other setup: your own DataSource or a URL, limits, clock, recovery; ends in {@code open()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens a {@link JdbcSessionStore}: where the database is, here; the settings every store shares
   * (limits, clock, {@code recoverStreamsIdleFor}), from {@link StoreBuilder}. Each setter checks its
   * argument at once and throws {@link InvalidInputException} naming the property; {@link #open()}
   * opens the store. Not thread-safe.
   *
   * <p>{@code recoverStreamsIdleFor} defaults to zero for an embedded H2 database (only this process
   * writes it, so every unfinished stream not open in this JVM is abandoned) and to
   * {@link #DEFAULT_SHARED_RECOVERY_IDLE} for PostgreSQL and H2 servers, where other processes may be
   * streaming.
   */
  public static final class Builder extends StoreBuilder<Builder, JdbcSessionStore> {
    private Optional<DataSource> dataSource = Optional.empty();
    private Optional<String> url = Optional.empty();
    private String user = "";
    private String password = "";
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Optional<Dialect> required = Optional.empty();
    private boolean shareWithOtherProcesses;

    private Builder() {}

    /**
     * The database to use, through the host's DataSource (pooled, ideally). The dialect is read from
     * the connection's metadata. Replaces a URL set before.
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Optional.of(Checks.notNull(dataSource, "dataSource"));
      this.url = Optional.empty();
      return this;
    }

    /**
     * The database to use, by JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql://...}); the
     * store keeps a small pool of its own. An H2 URL gets the durable settings it does not set itself
     * (see the README). Replaces a DataSource set before.
     */
    public Builder url(String jdbcUrl) {
      return url(jdbcUrl, "", "");
    }

    /** As {@link #url(String)}, logging in as {@code user} with {@code password}. */
    public Builder url(String jdbcUrl, String user, String password) {
      Checks.notBlank(jdbcUrl, "url", 4096);
      if (!jdbcUrl.startsWith("jdbc:")) {
        throw new InvalidInputException("url", "must be a JDBC URL starting with jdbc:");
      }
      try {
        DriverManager.getDriver(jdbcUrl);
      } catch (SQLException e) {
        throw new InvalidInputException("url", "no JDBC driver on the class path accepts this URL"
            + " (add org.postgresql:postgresql for PostgreSQL)", e);
      }
      this.user = Checks.notNull(user, "user");
      this.password = Checks.notNull(password, "password");
      this.url = Optional.of(jdbcUrl);
      this.dataSource = Optional.empty();
      return this;
    }

    /** Most connections the store's own pool opens (URL only; a DataSource pools as it likes). */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = Checks.positive(maxConnections, "maxConnections");
      return this;
    }

    /**
     * Lets other processes on this machine open the same embedded H2 database at the same time
     * (H2's automatic mixed mode, {@code AUTO_SERVER=TRUE}): the first process to open it serves it to
     * the others over a local TCP port, and one of them takes over if it exits. Every process must
     * open it this way. Opening then marks INTERRUPTED only streams silent for
     * {@link #DEFAULT_SHARED_RECOVERY_IDLE} (unless {@link #recoverStreamsIdleFor} says otherwise):
     * another process may be streaming. Embedded H2 file databases only ({@link #h2Builder} or a
     * {@code jdbc:h2:file:} URL); {@link #open()} refuses anything else. See the module README.
     */
    public Builder shareWithOtherProcesses() {
      this.shareWithOtherProcesses = true;
      return this;
    }

    /**
     * Opens the store: connects, checks the database, migrates the schema, recovers abandoned streams.
     *
     * @throws InvalidInputException if no database was set, or it is neither H2 nor PostgreSQL
     * @throws SchemaVersionException if the database was written by a newer chat-store
     * @throws UnavailableException if the database cannot be reached
     */
    @Override
    public JdbcSessionStore open() {
      if (dataSource.isEmpty() && url.isEmpty()) {
        throw new InvalidInputException("dataSource", "set dataSource(...) or url(...) before open()");
      }
      StoreOpener.Settings settings = new StoreOpener.Settings(dataSource, url, user, password, maxConnections,
          options().limits(), options().clock(), options().recoverStreamsIdleFor(), required, shareWithOtherProcesses,
          options().encryption());
      return new JdbcSessionStore(StoreOpener.open(settings));
    }
  }
}
