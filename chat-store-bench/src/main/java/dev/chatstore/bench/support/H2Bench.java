package dev.chatstore.bench.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chatstore.jdbc.JdbcSessionStore;
import dev.chatstore.jdbc.internal.H2Urls;
import java.nio.file.Path;

/**
 * H2 databases for benchmarks. Measured stores are opened exactly as {@link JdbcSessionStore#h2(Path)}
 * opens them ({@link #url}: the library's durable settings, WRITE_DELAY=0 among them); fixtures are
 * built through the same store API but with H2's default write delay ({@link #openForBuilding}),
 * which makes bulk loading several times faster and leaves the same tables on disk. Stateless.
 */
public final class H2Bench {
  private H2Bench() {}

  /** The URL {@code JdbcSessionStore.h2(folder)} uses, durable settings included. */
  public static String url(Path folder) {
    return H2Urls.file(folder);
  }

  /** A pool of {@code size} connections on {@link #url}: HikariCP, as the store's own for a URL. */
  public static HikariDataSource pool(Path folder, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url(folder));
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }

  /**
   * The URL read benchmarks open: {@link #url} plus {@code OPTIMIZE_REUSE_RESULTS=0}. H2 otherwise
   * answers a query identical to the previous one on the same connection (same SQL, same parameters,
   * no table changed since) from the previous result; a benchmark repeating one read would measure
   * that cache, which any write to the table empties in real use. Only this is turned off; the
   * store adds its durable settings as usual.
   */
  public static String readUrl(Path folder) {
    return "jdbc:h2:file:" + folder.toAbsolutePath().resolve(H2Urls.FILE_NAME) + ";OPTIMIZE_REUSE_RESULTS=0";
  }

  /** A store for read benchmarks on {@code folder}: see {@link #readUrl}. */
  public static JdbcSessionStore openForReading(Path folder) {
    return JdbcSessionStore.builder().url(readUrl(folder)).open();
  }

  /** A store on {@code folder} for loading fixtures fast: acknowledged writes may reach the file 0.5 s late. */
  public static JdbcSessionStore openForBuilding(Path folder) {
    String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve(H2Urls.FILE_NAME) + ";WRITE_DELAY=500";
    return JdbcSessionStore.builder().url(url).open();
  }
}
