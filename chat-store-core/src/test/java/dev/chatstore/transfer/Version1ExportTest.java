package dev.chatstore.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.MessageStatus;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.MessageMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An export in format 1, as the release before message model v2 wrote it ({@code v1-export.jsonl}:
 * its exporter's output, byte for byte), imports as it always did.
 */
class Version1ExportTest {
  private static final String SESSION = "v1-fixture-session";
  private final SessionStore imported = SessionStore.inMemory();
  private final SessionStore built = SessionStore.inMemory();

  @AfterEach
  void close() {
    imported.close();
    built.close();
  }

  @Test
  void itImportsAsTheSessionItWasExportedFrom() {
    ImportResult result = importing(resource("v1-export.jsonl"));

    buildTheExportedSession(built);
    ChatSession expected = built.getSession(SESSION);
    ChatSession session = result.session();
    assertThat(result.messagesImported()).isEqualTo(7);
    assertThat(session.ownerId()).isEqualTo(expected.ownerId());
    assertThat(session.projectId()).isEqualTo(expected.projectId());
    assertThat(session.title()).isEqualTo(expected.title());
    assertThat(session.metadata()).isEqualTo(expected.metadata());
    assertThat(session.stateJson()).isEqualTo(expected.stateJson());
    assertThat(session.key()).isEmpty();
    assertThat(SampleChat.contents(imported, SESSION)).isEqualTo(SampleChat.contents(built, SESSION));
  }

  @Test
  void itExportsAgainAsVersion2WithPlainMessagesAsCompactAsBefore() {
    importing(resource("v1-export.jsonl"));

    String again = SessionExporter.of(imported).exportToString(SESSION, ExportFormat.JSONL);

    assertThat(again).isEqualTo(resource("v1-export-as-v2.jsonl"));
    assertThat(again).doesNotContain("\"parts\"").doesNotContain("\"attributes\"");
  }

  @Test
  void itReadsTheSameToPeopleAsMarkdown() {
    importing(resource("v1-export.jsonl"));

    String markdown = SessionExporter.builder(imported).markdownMetadata(true).build()
        .exportToString(SESSION, ExportFormat.MARKDOWN);

    assertThat(withoutStoreTimes(markdown)).isEqualTo(withoutStoreTimes(resource("v1-transcript.md")));
  }

  @Test
  void fieldsOfVersion2AreIgnoredInAVersion1FileAsAVersion1ReaderIgnoredThem() {
    String v1 = "{\"chat\":{\"id\":\"s-1\",\"key\":\"k\",\"ownerId\":\"o\"},\"format\":\"chat-store-session\","
        + "\"formatVersion\":1}\n"
        + "{\"content\":\"hi\",\"name\":\"n\",\"parts\":[{\"text\":\"other\",\"type\":\"text\"}],\"role\":\"USER\"}\n"
        + "{\"role\":\"TOOL\",\"toolResult\":{\"callId\":\"c\",\"outputText\":\"x\",\"toolName\":\"t\"},"
        + "\"toolResults\":[]}\n";

    ImportResult result = importing(v1);

    assertThat(result.session().key()).isEmpty();
    assertThat(SampleChat.messages(imported, "s-1")).satisfiesExactly(
        user -> {
          assertThat(user.content()).isEqualTo("hi");
          assertThat(user.name()).isEmpty();
        },
        tool -> assertThat(tool.toolResults()).containsExactly(new ToolResult("c", "t", "null", false)));
  }

  private ImportResult importing(String export) {
    return SessionImporter.of(imported).importSession(ImportSource.of(export), ImportOptions.defaults());
  }

  /** The session v1-export.jsonl was exported from, built through today's API. */
  private static void buildTheExportedSession(SessionStore store) {
    ChatMetadata chatMeta = ChatMetadata.builder().connectedProject("proj-1").reference("ticket", "T-42")
        .context("temperature", "0.2").unknownFieldJson("addedLater", "{\"nested\":[1,2.50]}").build();
    store.createSession(NewSession.forOwner("owner-1").id(SESSION).project("project-x").title("Weather 🌦 & tools")
        .metadata(chatMeta).state("{\"step\":3,\"price\":1.50}").build());
    MessageMetadata usage = MessageMetadata.builder().model("gpt-test").usage(120, 45).finishReason("tool_calls")
        .unknownFieldJson("future", "{\"x\":[1,2]}").build();
    Instant t = Instant.parse("2026-01-02T03:04:05.123456Z");
    store.appendAll(SESSION, List.of(
        NewMessage.builder(Role.SYSTEM).id("m-1").content("You are a helpful assistant.").createdAt(t).build(),
        NewMessage.builder(Role.USER).id("m-2").content("Weather in Zürich? 🇨🇭 \"quoted\"\n\tnext line\u0000nul")
            .createdAt(t.plusSeconds(1)).build(),
        NewMessage.builder(Role.ASSISTANT).id("m-3").content("Let me check.")
            .toolCall(new ToolCall("call_1", "weather", "{\"units\":\"metric\",\"city\":\"Zürich\"}"))
            .toolCall(new ToolCall("call_2", "clock", "{}")).metadata(usage).createdAt(t.plusSeconds(2)).build(),
        NewMessage.builder(Role.TOOL).id("m-4")
            .toolResult(ToolResult.success("call_1", "weather", "{\"temp\":-3.5,\"sky\":\"snow\"}"))
            .createdAt(t.plusSeconds(3)).build(),
        NewMessage.builder(Role.TOOL).id("m-5")
            .toolResult(ToolResult.failure("call_2", "clock", "{\"error\":\"timeout\"}"))
            .createdAt(t.plusSeconds(4)).build(),
        NewMessage.builder(Role.ASSISTANT).id("m-6").content("It is -3.5 °C and snowing")
            .status(MessageStatus.INTERRUPTED).createdAt(t.plusSeconds(5)).build(),
        NewMessage.builder(Role.ASSISTANT).id("m-7").content("partial").status(MessageStatus.ERROR)
            .metadata(MessageMetadata.builder().error("upstream timed out").build()).createdAt(t.plusSeconds(6))
            .build()));
  }

  private static String resource(String name) {
    try (InputStream in = Version1ExportTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The session's created and updated times are the importing store's, not the export's. */
  private static String withoutStoreTimes(String markdown) {
    return markdown.lines().filter(l -> !l.startsWith("| Created |") && !l.startsWith("| Updated |"))
        .collect(Collectors.joining("\n"));
  }
}
