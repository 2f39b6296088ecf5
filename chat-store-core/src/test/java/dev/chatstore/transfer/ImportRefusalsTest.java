package dev.chatstore.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.InvalidInputException;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.UnavailableException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that are not exports, or broken ones: refused with the field and line, nothing stored. */
class ImportRefusalsTest {
  private static final String HEADER = "{\"chat\":{\"id\":\"s-1\",\"ownerId\":\"o\"},\"format\":\"chat-store-session\","
      + "\"formatVersion\":1}";
  private final SessionStore store = SessionStore.inMemory();

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aHandWrittenMinimalExportImports() {
    String jsonl = HEADER + "\n{\"role\":\"USER\",\"content\":\"hi\"}\n{\"role\":\"ASSISTANT\"}\n";
    ImportResult result = importing(jsonl);
    assertThat(result.messagesImported()).isEqualTo(2);
    assertThat(result.session().title()).isEmpty();
    assertThat(SampleChat.messages(store, "s-1")).extracting(m -> m.content()).containsExactly("hi", "");
  }

  @Test
  void refusals() {
    refused("not json at all", "input", "not valid JSON");
    refused("[1,2]", "input", "must start with a JSON object");
    refused("{\"chat\":{\"id\":\"s-1\",\"ownerId\":\"o\"},\"format\":\"something-else\",\"formatVersion\":1}",
        "format", "chat-store-session");
    refused(HEADER.replace("\"formatVersion\":1", "\"formatVersion\":3"), "formatVersion", "is 3, newer than the newest"
        + " this library reads (2)");
    refused(HEADER.replace(",\"formatVersion\":1", ""), "formatVersion", "whole number");
    refused("{\"format\":\"chat-store-session\",\"formatVersion\":1}", "chat", "required");
    refused(HEADER.replace("\"id\":\"s-1\",", ""), "chat.id", "fresh ids");
    refused(HEADER.replace("\"s-1\"", "\"../../etc/passwd\""), "chat.id", "letters, digits");
    refused(HEADER.replace(",\"ownerId\":\"o\"", ""), "chat.ownerId", "required");
    refused(HEADER.replace("\"ownerId\":\"o\"", "\"ownerId\":\"o\",\"ownerId\":\"p\""), "input", "Duplicate field");
    refused(HEADER + "\n{\"content\":\"no role\"}", "messages[0].role", "required");
    refused(HEADER + "\n{\"role\":\"USER\",\"createdAt\":\"yesterday\"}", "messages[0].createdAt", "ISO-8601");
    refused(HEADER + "\n{\"role\":\"USER\",\"toolCalls\":[{\"id\":\"c\",\"name\":\"t\"}]}",
        "messages[0].toolCalls", "only ASSISTANT");
    refused(HEADER + "\n{\"role\":\"TOOL\"}", "messages[0].toolResults", "must carry a tool result");
    refused(HEADER + "\n{\"role\":\"USER\",\"seq\":2}\n{\"role\":\"USER\",\"seq\":2}", "messages[1].seq", "greater");
    refused(HEADER + "\n{\"role\":\"USER\",\"metadata\":{\"schemaVersion\":\"one\"}}", "messages[0].metadata.schemaVersion",
        null);
    refused(HEADER + "\n[\"not an object\"]", "messages[0]", "JSON object");
    refused(HEADER + "\n{\"role\":\"USER\"", "input", "not valid JSON");
    refused(HEADER.replace("\"ownerId\":\"o\"", "\"ownerId\":\"o\",\"messageCount\":3") + "\n{\"role\":\"USER\"}",
        "messages", "cut short");
    String json = HEADER.substring(0, HEADER.length() - 1) + ",\"messages\":[{\"role\":\"USER\"}]}";
    assertThat(importing(json).messagesImported()).isEqualTo(1);
    store.purgeSession("s-1");
    refused(json + "{}", "input", "after the export's closing brace");
    assertThat(store.listSessions(SessionQuery.forOwner("o").includeDeleted(true).build()).items()).isEmpty();
  }

  @Test
  void refusalsOfVersion2Fields() {
    String v2 = HEADER.replace("\"formatVersion\":1", "\"formatVersion\":2");
    refused(v2 + "\n{\"role\":\"USER\",\"parts\":{}}", "messages[0].parts", "array");
    refused(v2 + "\n{\"role\":\"USER\",\"parts\":[{\"text\":\"a\"}]}", "messages[0].parts[0].type", "required");
    refused(v2 + "\n{\"role\":\"USER\",\"parts\":[{\"type\":\"media\",\"mimeType\":\"image/png\"}]}",
        "messages[0].parts[0]", "either a uri or inline bytes");
    refused(v2 + "\n{\"role\":\"USER\",\"parts\":[{\"type\":\"media\",\"mimeType\":\"image/png\",\"bytes\":\"*\"}]}",
        "messages[0].parts[0].bytes", "base64");
    refused(v2 + "\n{\"role\":\"USER\",\"content\":\"edited\",\"parts\":[{\"text\":\"a\",\"type\":\"text\"}]}",
        "messages[0].content", "text parts joined");
    refused(v2 + "\n{\"role\":\"USER\",\"attributes\":[1]}", "messages[0].attributes", "JSON object");
    refused(v2 + "\n{\"role\":\"USER\",\"name\":\"  \"}", "messages[0].name", null);
    refused(v2 + "\n{\"role\":\"TOOL\",\"toolResults\":[{\"callId\":\"c\",\"toolName\":\"t\"}],"
        + "\"toolResult\":{\"callId\":\"c\",\"toolName\":\"t\"}}", "messages[0].toolResults", "beside toolResult");
    refused(v2 + "\n{\"role\":\"TOOL\",\"toolResults\":{}}", "messages[0].toolResults", "array");
    refused(v2 + "\n{\"role\":\"TOOL\",\"toolResults\":[{\"callId\":\"c\",\"toolName\":\"t\",\"output\":1,"
        + "\"outputText\":\"1\"}]}", "messages[0].toolResults[0]", "both output and outputText");
    refused(v2 + "\n{\"role\":\"ASSISTANT\",\"toolCalls\":[{\"id\":\"c\",\"name\":\"t\",\"malformed\":true,"
        + "\"arguments\":{}}]}", "messages[0].toolCalls[0].arguments", "string");
    refused(v2.replace("\"ownerId\":\"o\"", "\"ownerId\":\"o\",\"key\":\"" + "k".repeat(257) + "\""), "chat.key",
        "256");
    assertThat(store.listSessions(SessionQuery.forOwner("o").includeDeleted(true).build()).items()).isEmpty();
  }

  @Test
  void aHandWrittenVersion2ExportMayLeaveOutWhatVersion1Could() {
    String v2 = HEADER.replace("\"formatVersion\":1", "\"formatVersion\":2");
    importing(v2 + "\n{\"role\":\"ASSISTANT\",\"toolCalls\":[{\"id\":\"c\",\"name\":\"t\"}]}\n"
        + "{\"role\":\"TOOL\",\"toolResults\":[{\"callId\":\"c\",\"toolName\":\"t\"}]}\n"
        + "{\"role\":\"TOOL\",\"toolResult\":{\"callId\":\"c\",\"toolName\":\"t\",\"outputText\":\"done\"}}\n");
    var messages = SampleChat.messages(store, "s-1");
    assertThat(messages.get(0).toolCalls()).singleElement().satisfies(c -> assertThat(c.argumentsJson()).isEqualTo("{}"));
    assertThat(messages.get(1).toolResults()).containsExactly(dev.chatstore.ToolResult.success("c", "t", "null"));
    assertThat(messages.get(2).toolResults()).containsExactly(dev.chatstore.ToolResult.text("c", "t", "done"));
  }

  @Test
  void markdownIsNotImportable() {
    assertThat(ExportFormat.MARKDOWN.isImportable()).isFalse();
    refused("# A chat\n\nhello", "input", "not valid JSON");
  }

  @Test
  void aMissingFileIsUnavailable(@TempDir Path dir) {
    assertThatThrownBy(() -> SessionImporter.of(store)
        .importSession(ImportSource.of(dir.resolve("nope.json")), ImportOptions.defaults()))
        .isInstanceOf(UnavailableException.class).hasMessageContaining("nope.json");
  }

  @Test
  void formatNames() {
    assertThat(ExportFormat.named("JSONL")).isEqualTo(ExportFormat.JSONL);
    assertThat(ExportFormat.named("markdown")).isEqualTo(ExportFormat.MARKDOWN);
    assertThatThrownBy(() -> ExportFormat.named("xml")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("json, jsonl or md");
  }

  private ImportResult importing(String text) {
    return SessionImporter.of(store).importSession(ImportSource.of(text), ImportOptions.defaults());
  }

  private void refused(String input, String field, String reasonPart) {
    assertThatThrownBy(() -> importing(input)).as(input).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.field()).as(input).isEqualTo(field);
      if (reasonPart != null) {
        assertThat(e.reason()).as(input).contains(reasonPart);
      }
    });
  }
}
