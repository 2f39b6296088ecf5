package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.SessionStore;
import dev.chatstore.transfer.ExportFormat;
import dev.chatstore.transfer.ImportOptions;
import dev.chatstore.transfer.ImportSource;
import dev.chatstore.transfer.SessionExporter;
import dev.chatstore.transfer.SessionImporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The chat an earlier release wrote, at schema version 2: the H2 file {@link H2FixtureWriter} made
 * through the store (with H2 2.3.232), and what that release read back from it (its export and the
 * session's other fields). The rows can also be copied into a PostgreSQL database at version 2, so
 * both databases are checked upgrading data the release itself wrote.
 */
final class ReleaseFixture {
  private static final String FOLDER = "/dev/chatstore/jdbc/h2-2.3.232/";
  private static final String FILE = "chat-store.mv.db";
  /** The version-2 tables in foreign-key order, and their JSON columns (jsonb on PostgreSQL). */
  private static final List<String> TABLES = List.of("chatstore_sessions", "chatstore_messages",
      "chatstore_stream_chunks");
  private static final Set<String> JSON_COLUMNS = Set.of("metadata", "state", "tool_calls", "tool_result");

  private ReleaseFixture() {}

  /** Copies the fixture's database file into {@code folder}, where {@code JdbcSessionStore.h2(folder)} opens it. */
  static void copyFile(Path folder) throws IOException {
    try (InputStream in = ReleaseFixture.class.getResourceAsStream(FOLDER + FILE)) {
      assertThat(in).as(FOLDER + FILE).isNotNull();
      Files.createDirectories(folder);
      Files.copy(in, folder.resolve(FILE));
    }
  }

  /**
   * Copies every row of the fixture into {@code target}, a database at schema version 2, as the
   * release would have written them there; {@code scratch} receives a copy of the file to read. The
   * fixture's text holds nothing PostgreSQL stores escaped (no NUL, no private-use characters, which
   * is checked), so the values are copied as they are.
   */
  static void copyRows(Path scratch, TestDatabase target) throws IOException, SQLException {
    copyFile(scratch);
    try (Connection from = DriverManager.getConnection(TestDatabase.h2(scratch).url());
        Connection to = target.connect()) {
      for (String table : TABLES) {
        copyTable(from, to, table, target.isPostgres());
      }
    }
  }

  private static void copyTable(Connection from, Connection to, String table, boolean postgres) throws SQLException {
    try (Statement select = from.createStatement(); ResultSet rs = select.executeQuery("SELECT * FROM " + table)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        String column = meta.getColumnName(i).toLowerCase(Locale.ROOT);
        columns.add(column);
        values.add(postgres && JSON_COLUMNS.contains(column) ? "CAST(? AS jsonb)" : "?");
      }
      String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
          + String.join(", ", values) + ")";
      try (PreparedStatement write = to.prepareStatement(insert)) {
        while (rs.next()) {
          for (int i = 1; i <= columns.size(); i++) {
            Object value = rs.getObject(i);
            if (value instanceof String text) {
              assertThat(text.chars()).as("%s.%s needs no escape", table, columns.get(i - 1))
                  .noneMatch(c -> c == 0 || (c >= 0xF8E0 && c <= 0xF8F1));
            }
            write.setObject(i, value);
          }
          write.executeUpdate();
        }
      }
    }
  }

  /** Checks that {@code store} reads the fixture's chat back exactly as the release that wrote it did. */
  static void assertReadsBack(JdbcSessionStore store) throws IOException {
    assertThat(SessionExporter.of(store).exportToString(H2FixtureWriter.SESSION_ID, ExportFormat.JSON))
        .isEqualTo(inTodaysFormat(resource("expected.json")));
    assertThat(H2FixtureWriter.sessionFields(store)).isEqualTo(resource("expected-session.txt"));
    assertThat(store.toolExecutions(H2FixtureWriter.SESSION_ID))
        .extracting(e -> e.call().id() + "->" + e.result().map(r -> r.callId() + (r.error() ? " error" : ""))
            .orElse(""))
        .containsExactly("call_0->call_0", "call_1->call_1 error");
  }

  // The fixture's export is in the export format of its day (version 1); through an in-memory store
  // (import, export) it becomes the same chat in today's, so the comparison is of the chat, not of formats.
  private static String inTodaysFormat(String export) {
    try (SessionStore memory = SessionStore.inMemory()) {
      SessionImporter.of(memory).importSession(ImportSource.of(export), ImportOptions.defaults());
      return SessionExporter.of(memory).exportToString(H2FixtureWriter.SESSION_ID, ExportFormat.JSON);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ReleaseFixture.class.getResourceAsStream(FOLDER + name)) {
      assertThat(in).as(FOLDER + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
