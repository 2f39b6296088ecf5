package dev.chatstore.jdbc.internal;

import dev.chatstore.InvalidInputException;
import dev.chatstore.SessionStore;
import dev.chatstore.StoreLimits;
import dev.chatstore.spi.InputRules;
import dev.chatstore.jdbc.JdbcSessionStore;
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
 * Opens a JDBC store: the connections (the host's DataSource, or a pool of our own for a URL), the
 * dialect, the schema migration, recovery of abandoned streams. If any step fails, whatever it
 * opened is released. Stateless.
 */
public final class StoreOpener {
  private static final Logger LOG = LoggerFactory.getLogger(StoreOpener.class);

  /** What the public builder collected, validated. */
  public record Settings(Optional<DataSource> dataSource, Optional<String> url, String user, String password,
      int maxConnections, StoreLimits limits, Clock clock, Optional<Duration> recoverIdle,
      Optional<Dialect> requiredDialect) {}

  private StoreOpener() {}

  public static SessionStore open(Settings s) {
    Optional<SimplePool> pool = s.url().map(u -> SimplePool.of(
        u.startsWith("jdbc:h2:") ? H2Urls.withDefaults(u) : u, s.user(), s.password(), s.maxConnections()));
    DataSource dataSource = pool.<DataSource>map(p -> p).orElseGet(() -> s.dataSource().orElseThrow());
    Runnable release = () -> pool.ifPresent(SimplePool::close);
    try {
      Jdbi jdbi = Jdbi.create(dataSource);
      // Statements are built from optional parts; an argument a variant does not use is fine.
      jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
      String property = s.url().isPresent() ? "url" : "dataSource";
      Probe probe = probe(jdbi, property);
      s.requiredDialect().filter(d -> d != probe.dialect).ifPresent(d -> {
        throw new InvalidInputException(property, "connects to " + probe.dialect + ", not " + d);
      });
      Db db = pool.isPresent() ? new Db(jdbi, probe.dialect, pool.get()::suspectAll) : new Db(jdbi, probe.dialect);
      int version = new Migrator(db, s.clock()).migrate();
      JdbcContext ctx = JdbcContext.of(db, new InputRules(s.limits()), s.clock());
      String description = probe.dialect + " " + redact(probe.url) + " schema v" + version;
      JdbcStore store = new JdbcStore(ctx, description, release);
      Duration idle = s.recoverIdle().orElse(
          probe.dialect == Dialect.H2 && H2Urls.isSingleProcess(probe.url) ? Duration.ZERO
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
