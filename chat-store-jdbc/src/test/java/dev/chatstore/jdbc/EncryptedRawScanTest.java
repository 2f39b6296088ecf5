package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.testkit.SecretChat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that an encrypted JDBC store keeps no plaintext: {@link SecretChat} writes a marker into
 * every value that must be sealed, and neither the H2 folder's files (with a stream still open, and
 * after close) nor PostgreSQL's tables dumped as text, nor the server's files of that database and its
 * write-ahead log after a CHECKPOINT, hold any. The same chat on a plain store shows its markers, so the
 * scans would see them.
 */
class EncryptedRawScanTest {
  @TempDir
  Path folder;

  @Test
  void anEncryptedH2FolderHoldsNoMarkerWhileAStreamIsOpenNorAfterClose() throws IOException {
    SecretChat chat;
    try (JdbcSessionStore store = JdbcSessionStore.h2Builder(folder).encryption(TestKeys.encryption("k1")).open()) {
      chat = SecretChat.writeInto(store, "owner");
      assertThat(chat.foundIn(bytesOf(folder))).isEmpty();
    }
    assertThat(chat.foundIn(bytesOf(folder))).isEmpty();
  }

  @Test
  void aPlainH2FolderShowsTheMarkers() throws IOException {
    try (JdbcSessionStore store = JdbcSessionStore.h2(folder)) {
      SecretChat chat = SecretChat.writeInto(store, "owner");
      assertThat(chat.foundIn(bytesOf(folder))).hasSizeGreaterThan(10);
    }
  }

  @Test
  void encryptedPostgresTablesDumpedAsTextHoldNoMarker() throws Exception {
    TestDatabase db = TestDatabase.migratedPostgres();
    try (JdbcSessionStore store = db.builder().encryption(TestKeys.encryption("k1")).open()) {
      SecretChat chat = SecretChat.writeInto(store, "owner");
      String dump = dump(db);
      assertThat(dump).contains("cse1:k1:");
      assertThat(chat.foundIn(dump)).isEmpty();
      assertThat(foundInServerFiles(db, chat)).isEmpty();
    }
  }

  @Test
  void plainPostgresTablesShowTheMarkers() throws Exception {
    TestDatabase db = TestDatabase.migratedPostgres();
    try (JdbcSessionStore store = db.open()) {
      SecretChat chat = SecretChat.writeInto(store, "owner");
      assertThat(chat.foundIn(dump(db))).hasSizeGreaterThan(10);
      assertThat(foundInServerFiles(db, chat)).hasSizeGreaterThan(10);
    }
  }

  /** Every row of every chat-store table, as PostgreSQL prints a row. */
  private static String dump(TestDatabase db) throws Exception {
    StringBuilder dump = new StringBuilder();
    for (String table : db.tables()) {
      db.column("SELECT CAST(t AS text) FROM " + table + " t").forEach(row -> dump.append(row).append('\n'));
    }
    return dump.toString();
  }

  /**
   * The chat's markers found in the server's files of this database and in its write-ahead log, after
   * a CHECKPOINT has written every page. Markers are unique to one chat, so the other tests' databases
   * and log records beside them cannot show them. File by file: the log alone is many megabytes.
   */
  private static Set<String> foundInServerFiles(TestDatabase db, SecretChat chat) throws Exception {
    db.update("CHECKPOINT");
    String oid = db.column("SELECT CAST(oid AS text) FROM pg_database WHERE datname = current_database()").get(0);
    Path data = EmbeddedPostgresServer.get().dataDirectory();
    Set<String> found = new TreeSet<>();
    long scanned = 0;
    for (Path dir : List.of(data.resolve("base").resolve(oid), data.resolve("pg_wal"))) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.filter(Files::isRegularFile).toList()) {
          byte[] bytes;
          try {
            bytes = Files.readAllBytes(p);
          } catch (NoSuchFileException e) {
            continue; // a log segment recycled while the scan ran
          }
          scanned += bytes.length;
          found.addAll(chat.foundIn(bytes));
        }
      }
    }
    assertThat(scanned).isPositive();
    return found;
  }

  private static byte[] bytesOf(Path folder) throws IOException {
    List<byte[]> files = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.add(Files.readAllBytes(p));
      }
    }
    int size = files.stream().mapToInt(b -> b.length).sum();
    byte[] all = new byte[size];
    int at = 0;
    for (byte[] b : files) {
      System.arraycopy(b, 0, all, at, b.length);
      at += b.length;
    }
    assertThat(size).isPositive();
    return all;
  }
}
