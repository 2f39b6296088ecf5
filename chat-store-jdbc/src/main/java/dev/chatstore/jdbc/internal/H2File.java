package dev.chatstore.jdbc.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of an H2 database the store opened by URL ({@code <path>.mv.db} and its companions):
 * kept readable by their owner only, as the file store's are, and compacted when the store closes.
 * Thread-safe; every method is best-effort where noted.
 */
final class H2File {
  private static final Logger LOG = LoggerFactory.getLogger(H2File.class);
  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");
  /**
   * How long H2 may spend compacting the file when the store closes. H2 stops at this limit and
   * the rest waits for the next close; 2000 appends' worth (about 50 MB before) took 0.5 s here.
   */
  static final int MAX_COMPACT_MILLIS = 1000;

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
    if (folder != null && !Files.isDirectory(folder)) {
      Files.createDirectories(folder, ownerOnly(folder, OWNER_FOLDER));
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
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null && Files.isRegularFile(file)) {
          view.setPermissions(OWNER_FILE);
        }
      }
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("could not make the files of {} owner-only", database, e);
    }
  }

  /**
   * After the store's pool closed the database: opens it once more and closes it, so that H2
   * compacts the file for up to {@link #MAX_COMPACT_MILLIS}. Why a second open: under
   * {@code WRITE_DELAY=0} H2 runs no background housekeeping, and its chunk bookkeeping of the
   * session that wrote is too stale for the compaction of that close to find the dead space; a fresh
   * open reads it anew (2000 appends: 52 MB after the store's close, 2.5 MB after this, 2.3 MB for the
   * same rows inserted plainly). A database another store of this JVM still has open stays open and
   * is not compacted. Best-effort: a failure is logged, never thrown.
   */
  void compact() {
    String reopen = url + ";IFEXISTS=TRUE;MAX_COMPACT_TIME=" + MAX_COMPACT_MILLIS;
    try (Connection c = DriverManager.getConnection(reopen, login)) {
      c.isValid(1);
    } catch (SQLException e) {
      LOG.debug("could not compact {} after closing it", database, e);
    }
    restrict();
  }

  private static FileAttribute<?>[] ownerOnly(Path path, Set<PosixFilePermission> permissions) {
    Path existing = path.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    boolean posix = existing != null && Files.getFileAttributeView(existing, PosixFileAttributeView.class) != null;
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
  }
}
