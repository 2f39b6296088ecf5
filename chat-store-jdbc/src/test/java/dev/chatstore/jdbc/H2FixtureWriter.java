package dev.chatstore.jdbc;

import dev.chatstore.ChatSession;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionQuery;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.transfer.ExportFormat;
import dev.chatstore.transfer.SessionExporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Writes the H2 fixture that {@link H2FileFormatTest} opens: a chat with tool calls and results,
 * metadata, session state, text outside the BMP and a streamed reply, written through the store by
 * whatever H2 is on the class path, and beside it the JSON export of that chat as the same version
 * read it back. It was run once, with H2 2.3.232, before the upgrade to a newer H2; run it again
 * only to make a fixture for another H2 version (a new folder), never over an existing one:
 *
 * <pre>
 * mvn -B -q -pl chat-store-jdbc -am test-compile -Dh2.version=2.3.232
 * java -cp "$(cat cp.txt):chat-store-jdbc/target/test-classes:..." dev.chatstore.jdbc.H2FixtureWriter DIR
 * </pre>
 */
public final class H2FixtureWriter {
  static final String OWNER = "fixture-owner";
  static final String SESSION_ID = "fixture-session-1";
  static final Instant WRITTEN_AT = Instant.parse("2026-11-25T12:00:00Z");

  private H2FixtureWriter() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    if (Files.exists(folder.resolve("chat-store.mv.db"))) {
      throw new IllegalStateException(folder + " already holds a fixture");
    }
    Files.createDirectories(folder);
    try (JdbcSessionStore store = JdbcSessionStore.builder().url(TestDatabase.h2(folder).url())
        .clock(Clock.fixed(WRITTEN_AT, ZoneOffset.UTC)).open()) {
      write(store);
      Files.writeString(folder.resolve("expected.json"),
          SessionExporter.of(store).exportToString(SESSION_ID, ExportFormat.JSON), StandardCharsets.UTF_8);
      Files.writeString(folder.resolve("expected-session.txt"), sessionFields(store), StandardCharsets.UTF_8);
    }
    // the smallest file that version writes, so the repository keeps kilobytes, not megabytes
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + folder.toAbsolutePath().resolve("chat-store"));
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN COMPACT");
    }
    Files.writeString(folder.resolve("WRITTEN-BY.txt"), "H2 " + org.h2.engine.Constants.FULL_VERSION
        + ", by dev.chatstore.jdbc.H2FixtureWriter\n", StandardCharsets.UTF_8);
  }

  /** What the export leaves out of the session: its timestamps, version, counters and preview. */
  static String sessionFields(JdbcSessionStore store) {
    ChatSession s = store.getSession(SESSION_ID);
    return "createdAt=" + s.createdAt() + "\nupdatedAt=" + s.updatedAt() + "\nversion=" + s.version()
        + "\nmessageCount=" + s.messageCount() + "\ndeletedAt=" + s.deletedAt() + "\nforkedFrom=" + s.forkedFrom()
        + "\npreview=" + store.listSessions(SessionQuery.of(OWNER)).items().get(0).preview() + "\n";
  }

  private static void write(JdbcSessionStore store) {
    ChatSession s = store.createSession(NewSession.forOwner(OWNER).id(SESSION_ID).project("proj-trips")
        .title("Trip to Z\u00FCrich \uD83C\uDDE8\uD83C\uDDED")
        .metadata(ChatMetadata.builder().connectedProject("proj-trips").reference("doc", "d-42")
            .context("tone", "brief").build())
        .state("{\"step\":3,\"notes\":[\"\uD83D\uDCDD first\",\"second\"]}")
        .build());
    store.append(s.id(), NewMessage.system("You plan trips."));
    store.append(s.id(), NewMessage.user("Weather in Z\u00FCrich? \uD83C\uDF26\uFE0F \uD834\uDD1E"));
    store.append(s.id(), NewMessage.builder(Role.ASSISTANT).content("Let me check.")
        .toolCall(new ToolCall("call_0", "weather", "{\"city\":\"Z\u00FCrich\",\"days\":2}"))
        .metadata(MessageMetadata.builder().model("model-x").usage(120, 14).finishReason("tool_calls")
            .toolCalled("weather").build())
        .build());
    store.append(s.id(), NewMessage.tool(ToolResult.success("call_0", "weather",
        "{\"forecast\":[\"sun \u2600\uFE0F\",\"rain \uD83C\uDF27\uFE0F\"],\"unit\":\"C\"}")));
    MessageStream reply = store.openStream(s.id(), StreamOptions.assistant());
    reply.append("Sunny tomorrow \u2600\uFE0F, ").flush();
    reply.append("rain after \uD83C\uDF27\uFE0F.");
    reply.complete(MessageMetadata.builder().model("model-x").usage(160, 9).finishReason("stop").build());
    store.append(s.id(), NewMessage.builder(Role.ASSISTANT).content("Failed lookup")
        .toolCall(new ToolCall("call_1", "hotels", "{}")).build());
    store.append(s.id(), NewMessage.tool(ToolResult.failure("call_1", "hotels", "{\"error\":\"timeout\"}")));
  }
}
