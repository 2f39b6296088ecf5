package dev.chatstore.jdbc.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The H2 settings that make the embedded default keep its promise, added to an H2 URL where the URL
 * does not set them itself. Stateless.
 *
 * <ul>
 *   <li>{@code WRITE_DELAY=0}: H2 normally writes committed changes to the file up to 500 ms later,
 *       from a background thread; a process killed meanwhile loses transactions it had acknowledged.
 *       With 0, every commit writes its changes to the file (the operating system's page cache)
 *       before returning, so an acknowledged append or flush survives SIGKILL of the JVM. The cost:
 *       one file write per commit instead of one per half second, which is most of an append's time
 *       on H2 (see the module README), and a file that grows faster between compactions. It does
 *       not fsync each commit: surviving a power cut or an OS crash as well would need
 *       H2 to force every write to the disk, which it does not offer per commit.</li>
 *   <li>{@code LOCK_TIMEOUT=10000}: many threads appending to one session queue on its row lock; the
 *       default 2 s would turn a burst into spurious failures.</li>
 *   <li>{@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would otherwise close the database
 *       under a host whose shutdown still writes (a stream closing as INTERRUPTED); the store closes
 *       it when it is closed, and what was committed is on file either way.</li>
 *   <li>{@code TRACE_LEVEL_FILE=0}: H2 otherwise writes its errors to {@code chat-store.trace.db} beside
 *       the database, a second file in a folder said to hold one, left behind even by a failed open.
 *       Every error reaches the caller as an exception, and the store logs what it handles.</li>
 * </ul>
 *
 * <p>And one opt-in: {@code AUTO_SERVER=TRUE} ({@link #shared}), for several processes on one machine.
 */
public final class H2Urls {
  /** The database file's name inside the folder given to {@code JdbcSessionStore.h2}. */
  public static final String FILE_NAME = "chat-store";

  private static final Map<String, String> DEFAULTS = defaults();

  private H2Urls() {}

  /** The URL of the H2 file database in {@code folder}, with the durable settings. */
  public static String file(Path folder) {
    return withDefaults("jdbc:h2:file:" + folder.toAbsolutePath().resolve(FILE_NAME));
  }

  /** {@code url} plus each durable setting it does not set itself. */
  public static String withDefaults(String url) {
    String upper = url.toUpperCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(url);
    DEFAULTS.forEach((key, value) -> {
      if (!upper.contains(";" + key + "=")) {
        out.append(';').append(key).append('=').append(value);
      }
    });
    return out.toString();
  }

  /**
   * {@code url} opened in H2's automatic mixed mode: the first process to open the file serves it to
   * the others over a local TCP port (see the module README).
   */
  public static String shared(String url) {
    // H2 refuses AUTO_SERVER with DB_CLOSE_ON_EXIT=FALSE: in mixed mode its shutdown hook closes the
    // database (and hands the server to another process) when the JVM exits.
    String open = url.replaceAll("(?i);DB_CLOSE_ON_EXIT=FALSE", "");
    return open.toUpperCase(Locale.ROOT).contains(";AUTO_SERVER=") ? open : open + ";AUTO_SERVER=TRUE";
  }

  /**
   * The path H2 is given for an embedded file database ({@code jdbc:h2:file:PATH} or
   * {@code jdbc:h2:PATH}, without the {@code .mv.db} H2 appends); empty for memory, server and other
   * URLs.
   */
  public static Optional<Path> filePath(String url) {
    String rest = url.substring(Math.min(url.length(), "jdbc:h2:".length()));
    int settings = rest.indexOf(';');
    String path = settings >= 0 ? rest.substring(0, settings) : rest;
    if (path.regionMatches(true, 0, "file:", 0, 5)) {
      path = path.substring(5);
    } else if (!(path.startsWith("/") || path.startsWith("./") || path.startsWith("../") || path.startsWith("~/"))) {
      return Optional.empty();
    }
    if (path.startsWith("~/")) {
      path = System.getProperty("user.home") + path.substring(1);
    }
    try {
      return path.isEmpty() ? Optional.empty() : Optional.of(Path.of(path));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /**
   * True when no other process can be writing to the database at this URL (an embedded file or
   * in-memory database without AUTO_SERVER), so streams left unfinished on open are abandoned.
   */
  public static boolean isSingleProcess(String url) {
    String upper = url.toUpperCase(Locale.ROOT);
    return !upper.startsWith("JDBC:H2:TCP:") && !upper.startsWith("JDBC:H2:SSL:")
        && !upper.contains(";AUTO_SERVER=TRUE");
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("WRITE_DELAY", "0");
    d.put("LOCK_TIMEOUT", "10000");
    d.put("DB_CLOSE_ON_EXIT", "FALSE");
    d.put("TRACE_LEVEL_FILE", "0");
    return d;
  }
}
