package dev.chatstore.jdbc.internal;

import dev.chatstore.spi.OwnerOnly;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of an H2 database the store opened by URL ({@code <path>.mv.db} and its companions):
 * kept readable by their owner only, as the file store's are, and compacted when the store closes.
 * Thread-safe; every method is best-effort where noted.
 */
final class H2File {
  private static final Logger LOG = LoggerFactory.getLogger(H2File.class);
  /**
   * How long H2 may spend compacting a file too large to rewrite whole when the store closes; H2 stops
   * at this limit and the rest waits for the next close.
   */
  static final int MAX_COMPACT_MILLIS = 1000;
  /**
   * The largest file rewritten whole on close. Rewriting reads and writes only the live data, at most
   * this much: a few seconds at worst on this machine's disk, well under a second for the files that
   * need it most (10,000 appends: 308 MB, of which about 2 MB live).
   */
  static final long FULL_COMPACTION_MAX_BYTES = 512L * 1024 * 1024;

  private final Path database; // the path H2 is given, without ".mv.db"
  private final String url;
  private final Properties login;

  private H2File(Path database, String url, Properties login) {
    this.database = database;
    this.url = url;
    this.login = login;
  }

  /**
   * The database file behind {@code url}, if it is an embedded H2 file database (not in memory, not
   * on a server), opened as {@code user} with {@code password} (empty for none).
   */
  static Optional<H2File> of(String url, String user, String password) {
    Properties login = new Properties();
    if (!user.isEmpty()) {
      login.setProperty("user", user);
    }
    if (!password.isEmpty()) {
      login.setProperty("password", password);
    }
    return H2Urls.filePath(url).map(p -> new H2File(p, url, login));
  }

  /** Creates the database's folder, owner-only, if it does not exist (H2 would create it world-readable). */
  void createFolder() throws IOException {
    Path folder = database.toAbsolutePath().getParent();
    if (folder != null) {
      OwnerOnly.createFolders(folder);
    }
  }

  /**
   * Makes every file of this database owner-only (H2 creates them under the process's umask). Files
   * H2 creates later (temporary results, a trace file when the URL asks for one) are as protected
   * as their owner-only folder makes them. Best-effort: a file system without POSIX permissions is
   * left as it is.
   */
  void restrict() {
    Path folder = database.toAbsolutePath().getParent();
    String prefix = database.getFileName() + ".";
    if (folder == null) {
      return;
    }
    DirectoryStream.Filter<Path> ours = p -> p.getFileName().toString().startsWith(prefix);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ours)) {
      for (Path file : files) {
        OwnerOnly.restrict(file);
      }
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("could not make the files of {} owner-only", database, e);
    }
  }

  /**
   * After the store's pool closed the database: opens it once more, alone, and compacts it. Why a
   * second open: under {@code WRITE_DELAY=0} H2 runs no background housekeeping, and the compaction
   * of the writing session's own close finds nothing to free (2000 appends: 52 MB after the store's
   * close). A file of at most {@link #FULL_COMPACTION_MAX_BYTES} is rewritten whole
   * ({@code SHUTDOWN COMPACT}: its live data into a new file, replaced atomically; the time grows with
   * the live data, not with the file); a larger one gets {@link #MAX_COMPACT_MILLIS} of H2's
   * in-place compaction. A database another store of this JVM still has open is left alone.
   * Best-effort: a failure is logged, never thrown.
   */
  void compact() {
    // RETENTION_TIME=0 for this short session only, in which nothing but the compaction writes: H2
    // otherwise leaves alone every chunk younger than 45 s, which after a quick burst of appends is
    // all of them. CHECKPOINT SYNC first forces what the store wrote to the disk, so no chunk the
    // compaction overwrites can still be needed after a power cut.
    String reopen = url + ";IFEXISTS=TRUE;RETENTION_TIME=0;MAX_COMPACT_TIME=" + MAX_COMPACT_MILLIS;
    try (Connection c = DriverManager.getConnection(reopen, login); Statement s = c.createStatement()) {
      s.execute("CHECKPOINT SYNC");
      if (alone(s) && Files.size(mvFile()) <= FULL_COMPACTION_MAX_BYTES) {
        s.execute("SHUTDOWN COMPACT"); // closes the database: c is closed with it
      }
    } catch (SQLException | IOException e) {
      LOG.debug("could not compact {} after closing it", database, e);
    }
    restrict();
  }

  /** True if the session of {@code s} is the only one on the database. */
  private static boolean alone(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
      return rs.next() && rs.getLong(1) == 1;
    }
  }

  private Path mvFile() {
    return database.resolveSibling(database.getFileName() + ".mv.db");
  }

}
