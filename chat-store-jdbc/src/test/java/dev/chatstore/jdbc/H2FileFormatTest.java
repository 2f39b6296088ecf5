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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database file written by an older H2 still opens after an upgrade of H2, and reads back as it was
 * written: the fixture under test resources was written through the store by H2 2.3.232 (see
 * {@link H2FixtureWriter}), with the export of its chat as that version read it (in the export format
 * of its day, compared as the same chat in today's).
 */
class H2FileFormatTest {
  private static final String FIXTURE = "/dev/chatstore/jdbc/h2-2.3.232/";

  @TempDir
  Path folder;

  @Test
  void aDatabaseWrittenByH2_2_3_232ReadsBackIdentically() throws IOException {
    copy("chat-store.mv.db");
    try (JdbcSessionStore store = JdbcSessionStore.h2(folder)) {
      assertThat(SessionExporter.of(store).exportToString(H2FixtureWriter.SESSION_ID, ExportFormat.JSON))
          .isEqualTo(inTodaysFormat(resource("expected.json")));
      assertThat(H2FixtureWriter.sessionFields(store)).isEqualTo(resource("expected-session.txt"));
      assertThat(store.toolExecutions(H2FixtureWriter.SESSION_ID))
          .extracting(e -> e.call().id() + "->" + e.result().map(r -> r.callId() + (r.error() ? " error" : ""))
              .orElse(""))
          .containsExactly("call_0->call_0", "call_1->call_1 error");
    }
    // and it still opens after the new version wrote to it
    try (JdbcSessionStore store = JdbcSessionStore.h2(folder)) {
      assertThat(store.getSession(H2FixtureWriter.SESSION_ID).title())
          .isEqualTo("Trip to Z\u00FCrich \uD83C\uDDE8\uD83C\uDDED");
    }
  }

  // The fixture's export is in the export format of its day (version 1); through an in-memory store
  // (import, export) it becomes the same chat in today's, so the comparison is of the chat, not of formats.
  private static String inTodaysFormat(String export) {
    try (SessionStore memory = SessionStore.inMemory()) {
      SessionImporter.of(memory).importSession(ImportSource.of(export), ImportOptions.defaults());
      return SessionExporter.of(memory).exportToString(H2FixtureWriter.SESSION_ID, ExportFormat.JSON);
    }
  }

  private void copy(String name) throws IOException {
    try (InputStream in = H2FileFormatTest.class.getResourceAsStream(FIXTURE + name)) {
      assertThat(in).as(FIXTURE + name).isNotNull();
      Files.copy(in, folder.resolve(name));
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = H2FileFormatTest.class.getResourceAsStream(FIXTURE + name)) {
      assertThat(in).as(FIXTURE + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
