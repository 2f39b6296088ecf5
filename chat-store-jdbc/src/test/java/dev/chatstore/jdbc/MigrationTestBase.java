package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatstore.ChatSession;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.SessionQuery;
import dev.chatstore.ToolResult;
import dev.chatstore.jdbc.internal.Db;
import dev.chatstore.jdbc.internal.Dialect;
import dev.chatstore.jdbc.internal.Migrator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema migrations on open, for one database kind: from an empty database, from older schemas with
 * data in them (version 1 rows written here, version 2 rows the last release wrote, version 3 rows of
 * a stream still STREAMING written here, version 4 messages written here and edited after the
 * upgrade), refusal of a newer schema (left untouched), and several stores migrating at once.
 */
abstract class MigrationTestBase {
  private static final OffsetDateTime AT = OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 123_456_000, ZoneOffset.UTC);
  private static final String[] ALL_VERSIONS = {"1", "2", "3", "4", "5"};

  @TempDir
  Path scratch;

  /** A new, empty database for this test. */
  abstract TestDatabase database();

  /** A database at schema version 2 holding the chat of {@link ReleaseFixture}, as the release left it. */
  abstract TestDatabase version2Fixture() throws Exception;

  @Test
  void anEmptyDatabaseIsMigratedToTheLatestVersionOnce() throws Exception {
    TestDatabase db = database();
    db.open().close();
    db.open().close();

    assertThat(versions(db)).containsExactly(ALL_VERSIONS);
    assertThat(db.column("SELECT description FROM chatstore_schema_version ORDER BY version"))
        .containsExactly("schema", "stream_chunks_and_indexes", "message_bodies_and_conversation_keys",
            "stream_chunk_extras", "message_revisions");
    assertThat(db.tables()).containsExactly("chatstore_message_revisions", "chatstore_messages",
        "chatstore_schema_version", "chatstore_sessions", "chatstore_stream_chunks");
  }

  @Test
  void aDatabaseAtAnOlderVersionIsUpgradedAndItsDataKept() throws Exception {
    TestDatabase db = database();
    migrateTo(db, 1);
    assertThat(db.tables()).doesNotContain("chatstore_stream_chunks");
    // what a chat-store of schema version 1 wrote
    db.update("INSERT INTO chatstore_sessions (id, owner_id, title, metadata, state, created_at, updated_at, version,"
        + " message_count, next_seq, preview) VALUES ('old', 'owner', 'from v1', " + db.json() + ", " + db.json()
        + ", ?, ?, 3, 2, 3, 'answer')", "{\"schemaVersion\":1}", "{\"k\":1}", AT, AT);
    for (int seq = 1; seq <= 2; seq++) {
      db.update("INSERT INTO chatstore_messages (session_id, seq, id, role, status, content, tool_calls, metadata,"
          + " created_at, updated_at) VALUES ('old', ?, ?, ?, 'COMPLETE', ?, " + db.json() + ", " + db.json()
          + ", ?, ?)", (long) seq, "m" + seq, seq == 1 ? "USER" : "ASSISTANT", seq == 1 ? "question" : "answer",
          "[]", "{\"schemaVersion\":1}", AT, AT);
    }

    try (JdbcSessionStore store = db.open()) {
      ChatSession old = store.getSession("old");
      assertThat(old.title()).isEqualTo("from v1");
      assertThat(old.stateJson()).isEqualTo("{\"k\":1}");
      assertThat(old.version()).isEqualTo(3);
      assertThat(old.updatedAt()).isEqualTo(AT.toInstant());
      assertThat(store.messages("old", MessageQuery.earliest(10)).items()).extracting(Message::content)
          .containsExactly("question", "answer");
      // what version 2 added works on the old data
      try (MessageStream stream = store.openStream("old", Role.ASSISTANT)) {
        stream.append("streamed").flush();
        assertThat(store.getMessage("old", stream.messageId()).status()).isEqualTo(MessageStatus.STREAMING);
        assertThat(stream.complete().seq()).isEqualTo(3);
      }
      assertThat(store.append("old", NewMessage.user("next")).seq()).isEqualTo(4);
    }
    assertThat(versions(db)).containsExactly(ALL_VERSIONS);
  }

  @Test
  void aDatabaseTheLastReleaseWroteAtVersion2IsUpgradedAndReadsBackIdentically() throws Exception {
    TestDatabase db = version2Fixture();
    assertThat(versions(db)).containsExactly("1", "2");
    assertThat(db.columns("chatstore_messages")).doesNotContain("body");

    try (JdbcSessionStore store = db.open()) {
      ReleaseFixture.assertReadsBack(store);
      // what version 3 added, beside the old data
      assertThat(store.findSessionByKey(H2FixtureWriter.OWNER, "trips")).isEmpty();
      ChatSession keyed = store.createSession(NewSession.forOwner(H2FixtureWriter.OWNER).key("trips").build());
      Message parts = store.append(keyed.id(), NewMessage.builder(Role.USER).content("look")
          .part(MediaPart.reference("image/png", "https://example.com/zürich.png"))
          .attributes("{\"n\":12345678901234567890.50}").name("ana").build());
      Message results = store.append(keyed.id(), NewMessage.tool(List.of(ToolResult.text("c1", "t", "a\u0000b"),
          ToolResult.success("c2", "t", "{}"))));
      assertThat(store.findSessionByKey(H2FixtureWriter.OWNER, "trips")).contains(store.getSession(keyed.id()));
      assertThat(store.messages(keyed.id(), MessageQuery.earliest(10)).items()).containsExactly(parts, results);
    }
    assertThat(versions(db)).containsExactly(ALL_VERSIONS);
    // the old rows were left as they were: no body, no key
    assertThat(db.column("SELECT COUNT(*) FROM chatstore_messages WHERE session_id = ? AND body IS NULL",
        H2FixtureWriter.SESSION_ID)).containsExactly("7");
    assertThat(db.column("SELECT conversation_key FROM chatstore_sessions WHERE id = ?", H2FixtureWriter.SESSION_ID))
        .containsExactly((String) null);
    try (JdbcSessionStore store = db.open()) {
      ReleaseFixture.assertReadsBack(store);
    }
  }

  @Test
  void aDatabaseAtVersion3HoldingAStreamsChunksIsUpgradedAndTheStreamReadFoldedAndRecovered() throws Exception {
    TestDatabase db = database();
    migrateTo(db, 3);
    assertThat(db.columns("chatstore_stream_chunks")).doesNotContain("extras");
    // what a chat-store of schema version 3 left of a reply it was streaming when it stopped
    db.update("INSERT INTO chatstore_sessions (id, owner_id, title, metadata, state, created_at, updated_at, version,"
        + " message_count, next_seq, preview) VALUES ('v3', 'owner', 'from v3', " + db.json() + ", " + db.json()
        + ", ?, ?, 1, 2, 3, 'question')", "{\"schemaVersion\":1}", "{}", AT, AT);
    db.update("INSERT INTO chatstore_messages (session_id, seq, id, role, status, content, tool_calls, metadata,"
        + " created_at, updated_at) VALUES ('v3', 1, 'm1', 'USER', 'COMPLETE', 'question', " + db.json() + ", "
        + db.json() + ", ?, ?)", "[]", "{\"schemaVersion\":1}", AT, AT);
    db.update("INSERT INTO chatstore_messages (session_id, seq, id, role, status, content, tool_calls, metadata,"
        + " created_at, updated_at) VALUES ('v3', 2, 'm2', 'ASSISTANT', 'STREAMING', '', " + db.json() + ", "
        + db.json() + ", ?, ?)", "[]", "{\"schemaVersion\":1}", AT, AT);
    for (int chunk = 1; chunk <= 2; chunk++) {
      db.update("INSERT INTO chatstore_stream_chunks (session_id, message_id, chunk_no, chunk_text, tool_call_count)"
          + " VALUES ('v3', 'm2', ?, ?, 0)", chunk, chunk == 1 ? "streamed " : "by v3");
    }

    // opened with recovery held off, so the stream is read as the upgrade left it
    try (JdbcSessionStore store = db.builder().recoverStreamsIdleFor(Duration.ofDays(365L * 100)).open()) {
      assertThat(db.columns("chatstore_stream_chunks")).contains("extras");
      assertThat(db.column("SELECT extras FROM chatstore_stream_chunks ORDER BY chunk_no")).containsExactly(null, null);
      Message streaming = store.getMessage("v3", "m2");
      assertThat(streaming.status()).isEqualTo(MessageStatus.STREAMING);
      assertThat(streaming.parts()).containsExactly(Part.text("streamed by v3"));
      assertThat(store.messages("v3", MessageQuery.earliest(10)).items()).extracting(Message::content)
          .containsExactly("question", "streamed by v3");

      assertThat(store.recoverAbandonedStreams(Duration.ZERO)).isEqualTo(1);

      Message recovered = store.getMessage("v3", "m2");
      assertThat(recovered.status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(recovered.parts()).containsExactly(Part.text("streamed by v3"));
      // what version 4 added works beside it
      try (MessageStream stream = store.openStream("v3", Role.ASSISTANT)) {
        stream.appendReasoning("why").append("answer").flush();
        assertThat(store.getMessage("v3", stream.messageId()).parts())
            .containsExactly(new ReasoningPart("why"), Part.text("answer"));
        assertThat(stream.complete().parts()).containsExactly(new ReasoningPart("why"), Part.text("answer"));
      }
    }
    assertThat(versions(db)).containsExactly(ALL_VERSIONS);
    // the old message was folded as version 3 would have: its text in content, no body
    assertThat(db.column("SELECT body FROM chatstore_messages WHERE id = 'm2'")).containsExactly((String) null);
    assertThat(db.column("SELECT COUNT(*) FROM chatstore_stream_chunks")).containsExactly("0");
  }

  @Test
  void aDatabaseAtVersion4HoldingMessagesIsUpgradedAndItsMessagesReadAsRevisionOneAndCanBeEdited()
      throws Exception {
    TestDatabase db = database();
    migrateTo(db, 4);
    assertThat(db.columns("chatstore_messages")).doesNotContain("revision");
    assertThat(db.tables()).doesNotContain("chatstore_message_revisions");
    // what a chat-store of schema version 4 wrote: a plain question, and an answer with parts in its body
    db.update("INSERT INTO chatstore_sessions (id, owner_id, title, metadata, state, created_at, updated_at, version,"
        + " message_count, next_seq, preview) VALUES ('v4', 'owner', 'from v4', " + db.json() + ", " + db.json()
        + ", ?, ?, 1, 2, 3, 'answer')", "{\"schemaVersion\":1}", "{}", AT, AT);
    db.update("INSERT INTO chatstore_messages (session_id, seq, id, role, status, content, tool_calls, metadata,"
        + " created_at, updated_at) VALUES ('v4', 1, 'm1', 'USER', 'COMPLETE', 'question', " + db.json() + ", "
        + db.json() + ", ?, ?)", "[]", "{\"schemaVersion\":1}", AT, AT);
    db.update("INSERT INTO chatstore_messages (session_id, seq, id, role, status, content, tool_calls, metadata,"
        + " body, created_at, updated_at) VALUES ('v4', 2, 'm2', 'ASSISTANT', 'COMPLETE', 'answer', " + db.json()
        + ", " + db.json() + ", ?, ?, ?)", "[]", "{\"schemaVersion\":1}",
        "{\"parts\":[{\"type\":\"reasoning\",\"text\":\"why\"},{\"type\":\"text\",\"text\":\"answer\"}]}",
        AT, AT);

    try (JdbcSessionStore store = db.open()) {
      assertThat(db.column("SELECT revision FROM chatstore_messages ORDER BY seq")).containsExactly("1", "1");
      Message answer = store.getMessage("v4", "m2");
      assertThat(answer.revision()).isEqualTo(1);
      assertThat(answer.parts()).containsExactly(new ReasoningPart("why"), Part.text("answer"));
      assertThat(store.messageRevisions("v4", "m2")).containsExactly(
          new MessageRevision(1, answer.parts(), Optional.empty(), AT.toInstant()));

      Message edited = store.updateMessage("v4", "m2", MessageUpdate.content("a better answer").by("editor"));

      assertThat(edited.revision()).isEqualTo(2);
      assertThat(store.messageRevisions("v4", "m2")).extracting(MessageRevision::parts)
          .containsExactly(answer.parts(), List.of(Part.text("a better answer")));
      assertThat(store.getSession("v4").updatedAt()).isAfter(AT.toInstant());
      assertThat(store.listSessions(SessionQuery.of("owner")).items()).singleElement()
          .satisfies(summary -> assertThat(summary.preview()).isEqualTo("a better answer"));
      assertThat(store.getMessage("v4", "m1").revision()).isEqualTo(1);
    }
    assertThat(versions(db)).containsExactly(ALL_VERSIONS);
    assertThat(db.column("SELECT revision_no FROM chatstore_message_revisions WHERE session_id = 'v4'"
        + " AND message_id = 'm2' ORDER BY revision_no")).containsExactly("1", "2");
    try (JdbcSessionStore store = db.open()) {
      assertThat(store.getMessage("v4", "m2").content()).isEqualTo("a better answer");
    }
  }

  @Test
  void aDatabaseWrittenByANewerVersionIsRefusedAndLeftUntouched() throws Exception {
    TestDatabase db = database();
    migrateTo(db, 2);
    int newer = Migrator.ALL.size() + 1; // the first version this code does not know
    db.update("INSERT INTO chatstore_schema_version (version, description, installed_at) VALUES (?, 'future', ?)",
        newer, AT);
    TreeSet<String> tablesBefore = db.tables();
    List<String> messageColumnsBefore = db.columns("chatstore_messages");
    List<String> versionsBefore = versions(db);

    assertThatThrownBy(db::open)
        .isInstanceOfSatisfying(SchemaVersionException.class, e -> {
          assertThat(e.databaseVersion()).isEqualTo(newer);
          assertThat(e.supportedVersion()).isEqualTo(Migrator.ALL.size());
        })
        .hasMessageContaining("version " + newer)
        .hasMessageContaining("version " + Migrator.ALL.size())
        .hasMessageContaining("not modified");

    assertThat(db.tables()).isEqualTo(tablesBefore);
    assertThat(db.columns("chatstore_messages")).isEqualTo(messageColumnsBefore).doesNotContain("body");
    assertThat(db.columns("chatstore_sessions")).doesNotContain("conversation_key");
    assertThat(db.columns("chatstore_stream_chunks")).doesNotContain("extras");
    assertThat(db.tables()).doesNotContain("chatstore_message_revisions");
    assertThat(versions(db)).isEqualTo(versionsBefore);
  }

  @Test
  void storesOpeningAnEmptyDatabaseAtOnceMigrateItOnce() throws Exception {
    TestDatabase db = database();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<JdbcSessionStore>> opening = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        opening.add(pool.submit((Callable<JdbcSessionStore>) db::open));
      }
      List<JdbcSessionStore> stores = new ArrayList<>();
      for (Future<JdbcSessionStore> f : opening) {
        stores.add(f.get());
      }
      ChatSession s = stores.get(0).createSession(NewSession.forOwner("o").build());
      for (JdbcSessionStore store : stores) {
        store.append(s.id(), NewMessage.user("hi"));
        store.close();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(versions(db)).containsExactly(ALL_VERSIONS);
  }

  private static List<String> versions(TestDatabase db) throws Exception {
    return db.column("SELECT version FROM chatstore_schema_version ORDER BY version");
  }

  /** Applies the migrations up to {@code version} only, as an older chat-store would have. */
  static void migrateTo(TestDatabase db, int version) {
    try (HikariDataSource pool = db.pool(2)) {
      Dialect dialect = db.isPostgres() ? Dialect.POSTGRESQL : Dialect.H2;
      new Migrator(new Db(Jdbi.create(pool), dialect), Clock.systemUTC()).migrate(Migrator.ALL.subList(0, version));
    }
  }
}
