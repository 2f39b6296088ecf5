package dev.chatstore.jdbc.internal;

import dev.chatstore.ChatStoreException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.SessionStore;
import dev.chatstore.StoreLimits;
import dev.chatstore.UnavailableException;
import dev.chatstore.crypto.Encryption;
import dev.chatstore.spi.FieldCipher;
import dev.chatstore.spi.InputRules;
import dev.chatstore.jdbc.JdbcSessionStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a JDBC store: the connections (the host's DataSource as it is, or a pool of our own for a
 * URL), the dialect, the schema migration, recovery of abandoned streams. If any step fails,
 * whatever it opened is released. Stateless.
 */
public final class StoreOpener {
  private static final Logger LOG = LoggerFactory.getLogger(StoreOpener.class);

  /** What the public builder collected, validated. */
  public record Settings(Optional<DataSource> dataSource, Optional<String> url, String user, String password,
      int maxConnections, StoreLimits limits, Clock clock, Optional<Duration> recoverIdle,
      Optional<Dialect> requiredDialect, boolean shareWithOtherProcesses,
      Optional<Encryption> encryption) {}

  private StoreOpener() {}

  public static SessionStore open(Settings s) {
    Optional<String> url = s.url().map(u -> effectiveUrl(u, s.shareWithOtherProcesses()));
    if (s.shareWithOtherProcesses() && url.flatMap(H2Urls::filePath).isEmpty()) {
      throw new InvalidInputException("shareWithOtherProcesses",
          "applies to an embedded H2 file database only: use h2Builder(folder) or url(\"jdbc:h2:file:...\")");
    }
    Optional<H2File> file = url.flatMap(u -> H2File.of(u, s.user(), s.password()));
    file.ifPresent(StoreOpener::createFolder);
    Optional<UrlPool> pool = url.map(u -> pool(s, u));
    file.ifPresent(H2File::restrict);
    DataSource dataSource = pool.map(UrlPool::dataSource).orElseGet(() -> s.dataSource().orElseThrow());
    Runnable release = () -> pool.ifPresent(UrlPool::close);
    // Only this process writes an embedded file: compact it once the last connection is gone. In
    // mixed mode another process may hold it open, and compaction is left to H2's own close.
    boolean compact = url.map(H2Urls::isSingleProcess).orElse(false);
    Runnable closeStore = () -> {
      release.run();
      file.filter(f -> compact).ifPresent(H2File::compact);
    };
    try {
      Jdbi jdbi = Jdbi.create(dataSource);
      // Statements are built from optional parts; an argument a variant does not use is fine.
      jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
      String property = s.url().isPresent() ? "url" : "dataSource";
      Probe probe = probe(jdbi, property);
      s.requiredDialect().filter(d -> d != probe.dialect).ifPresent(d -> {
        throw new InvalidInputException(property, "connects to " + probe.dialect + ", not " + d);
      });
      Db db = pool.isPresent() ? new Db(jdbi, probe.dialect, pool.get()::afterFailure) : new Db(jdbi, probe.dialect);
      int version = new Migrator(db, s.clock()).migrate();
      JdbcContext ctx = JdbcContext.of(db, new InputRules(s.limits()), s.clock(), FieldCipher.of(s.encryption()));
      String description = probe.dialect + " " + redact(probe.url) + " schema v" + version
          + (s.encryption().isPresent() ? " encrypted" : "");
      JdbcStore store = new JdbcStore(ctx, description, closeStore);
      Duration idle = s.recoverIdle().orElse(
          probe.dialect == Dialect.H2 && H2Urls.isSingleProcess(url.orElse(probe.url)) ? Duration.ZERO
              : JdbcSessionStore.DEFAULT_SHARED_RECOVERY_IDLE);
      try {
        int recovered = store.recoverOnOpen(idle);
        if (recovered > 0) {
          LOG.info("chat-store on {}: marked {} abandoned streams INTERRUPTED", description, recovered);
        }
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
      LOG.debug("opened chat-store on {}", description);
      return store;
    } catch (RuntimeException e) {
      release.run();
      throw e;
    }
  }

  /** The URL the store connects to: an H2 URL with the durable settings, and mixed mode if asked. */
  private static String effectiveUrl(String url, boolean shared) {
    if (!url.startsWith("jdbc:h2:")) {
      return url;
    }
    return shared ? H2Urls.shared(H2Urls.withDefaults(url)) : H2Urls.withDefaults(url);
  }

  private static void createFolder(H2File file) {
    try {
      file.createFolder();
    } catch (IOException e) {
      throw new UnavailableException("could not create the folder of the H2 database: " + e.getMessage(), e);
    }
  }

  /** The store's own pool for a URL; connects once, so a database that cannot be reached fails here. */
  private static UrlPool pool(Settings s, String url) {
    try {
      return UrlPool.open(url, s.user(), s.password(), s.maxConnections());
    } catch (RuntimeException e) {
      throw SqlErrors.map("connecting to the database", e);
    }
  }

  private record Probe(Dialect dialect, String url) {}

  private static Probe probe(Jdbi jdbi, String property) {
    try {
      return jdbi.withHandle(h -> {
        Connection c = h.getConnection();
        try {
          return new Probe(Dialect.detect(c, property), String.valueOf(c.getMetaData().getURL()));
        } catch (SQLException e) {
          throw SqlErrors.map("reading the database's metadata", e);
        }
      });
    } catch (JdbiException e) {
      throw SqlErrors.map("connecting to the database", e);
    } catch (RuntimeException | AssertionError e) {
      if (e instanceof ChatStoreException || !SqlErrors.thrownByDriver(e)) {
        throw e;
      }
      throw SqlErrors.map("connecting to the database", e);
    }
  }

  /** The URL without anything after ';' or '?' (credentials may be there). */
  private static String redact(String url) {
    int cut = url.length();
    for (char c : new char[] {';', '?'}) {
      int i = url.indexOf(c);
      if (i >= 0) {
        cut = Math.min(cut, i);
      }
    }
    return url.substring(0, cut);
  }
}
