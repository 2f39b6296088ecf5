package dev.chatstore.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.SessionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MarkdownExportTest {
  private final SessionStore store = SessionStore.inMemory();

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aTranscriptShowsRolesToolCallsAndResults() {
    ChatSession s = SampleChat.create(store);
    String md = SessionExporter.of(store).exportToString(s.id(), ExportFormat.MARKDOWN);
    assertThat(md).startsWith("# Weather 🌦 & tools\n")
        .contains("| Session | `" + s.id() + "` |")
        .contains("| Project | project-x |")
        .contains("## 1 · System · 2026-01-02 03:04:05 UTC\n\nYou are a helpful assistant.")
        .contains("## 2 · User · ")
        .contains("**Tool call** `weather` (call `call_1`)\n\n```json\n{\n  \"city\" : \"Zürich\"")
        .contains("## 4 · Tool result · `weather` · ")
        .contains("**Tool result** for call `call_1`")
        .contains("**Tool error** for call `call_2`")
        .contains(" · _interrupted_\n")
        .contains(" · _error_\n")
        .contains("日本語もOK? 👨‍👩‍👧")
        .doesNotContain("\u0000")
        .doesNotContain("Metadata")
        .doesNotContain("gpt-test");
  }

  @Test
  void metadataAndStateAppearWhenAskedFor() {
    ChatSession s = SampleChat.create(store);
    String md = SessionExporter.builder(store).markdownMetadata(true).build().exportToString(s.id(), ExportFormat.MARKDOWN);
    assertThat(md).contains("**Chat metadata**").contains("**State**").contains("<details><summary>Metadata</summary>")
        .contains("\"model\" : \"gpt-test\"").contains("\"error\" : \"upstream timed out\"");
  }

  @Test
  void codeFencesInsideJsonCannotCloseTheBlockEarly() {
    ChatSession s = store.createSession(dev.chatstore.NewSession.forOwner("o").build());
    store.append(s.id(), dev.chatstore.NewMessage.builder(dev.chatstore.Role.ASSISTANT)
        .toolCall(new dev.chatstore.ToolCall("c", "shell", "{\"cmd\":\"echo ````\"}")).build());
    String md = SessionExporter.of(store).exportToString(s.id(), ExportFormat.MARKDOWN);
    assertThat(md).contains("`````json\n").contains("\n`````\n");
    assertThat(md).contains("# Untitled chat");
  }
}
