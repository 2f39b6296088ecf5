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

  @Test
  void partsShowMediaAsLinksOrByNameAndReasoningApartFromTheAnswer() {
    ChatSession s = PartsChat.create(store);
    String md = SessionExporter.of(store).exportToString(s.id(), ExportFormat.MARKDOWN);

    assertThat(md).contains("| Key | `user-42:support ../x '; DROP 🗝` |")
        .contains("## 1 · User (alice) · 2026-03-04 05:06:07 UTC\n\nWhat is in this picture?\n\n"
            + "**Image** tiny pic (1).png · `image/png` · 256 bytes inline, not shown\n\n"
            + "**File** [https://example.com/Zürich docs/report (final).pdf]"
            + "(<https://example.com/Zürich docs/report (final).pdf>) · `application/pdf`\n")
        .contains("## 2 · Assistant (helper-bot) · ")
        .contains("> **Reasoning** · _signed_\n>\n> The user wants\n> > a description.\n\n")
        .contains("> **Reasoning** · _encrypted, 28 characters not shown_\n\nA tiny picture. And a report.\n\n")
        .contains("**Part** of type `audio_transcript` _(written by a newer version; not shown)_")
        .doesNotContain(PartsChat.SIGNATURE)
        .doesNotContain("gAAAAABo")
        .doesNotContain(java.util.Base64.getEncoder().encodeToString(PartsChat.allBytes()).substring(0, 20));
  }

  @Test
  void malformedArgumentsAreShownAsSentAndSeveralResultsEachWithItsTool() {
    ChatSession s = PartsChat.create(store);
    String md = SessionExporter.of(store).exportToString(s.id(), ExportFormat.MARKDOWN);

    assertThat(md).contains("**Tool call** `clock` (call `call_b`) · _malformed arguments, as the model sent them_\n\n"
            + "```text\n" + PartsChat.MALFORMED_ARGS + "\n```\n")
        .contains("## 3 · Tool results · `weather`, `clock` · ")
        .contains("**Tool result** for call `call_a` (`weather`)\n\n```json\n{\n  \"sky\" : \"rain\"\n}\n```\n")
        .contains("**Tool error** for call `call_b` (`clock`) · _text_\n\n```text\n"
            + PartsChat.TEXT_OUTPUT.replace('\u0000', '\uFFFD') + "\n```\n")
        .doesNotContain("\u0000");
  }

  @Test
  void attributesAppearWithMetadata() {
    ChatSession s = PartsChat.create(store);
    String md = SessionExporter.builder(store).markdownMetadata(true).build().exportToString(s.id(), ExportFormat.MARKDOWN);
    assertThat(md).contains("<details><summary>Attributes</summary>\n\n```json\n{\n  \"big\" : 123456789012345678901234567890,");
    assertThat(SessionExporter.of(store).exportToString(s.id(), ExportFormat.MARKDOWN)).doesNotContain("Attributes");
  }

  @Test
  void textThatLooksLikeMarkdownCannotLeaveItsPlace() {
    ChatSession s = store.createSession(dev.chatstore.NewSession.forOwner("o").key("a | b `c`").build());
    store.append(s.id(), dev.chatstore.NewMessage.builder(dev.chatstore.Role.USER).name("*bob* <img>")
        .part(dev.chatstore.MediaPart.reference("image/png", "https://x.test/a>b\n<c>").withFileName("[x](y)"))
        .part(dev.chatstore.Part.reasoning("line\n\n## not a heading\n```"))
        .build());
    store.append(s.id(), dev.chatstore.NewMessage.tool(dev.chatstore.ToolResult.text("c`1", "t", "```\nbreak out")));
    String md = SessionExporter.of(store).exportToString(s.id(), ExportFormat.MARKDOWN);

    assertThat(md).contains("| Key | `` a \\| b `c` `` |")
        .contains("## 1 · User (\\*bob\\* \\<img\\>) · ")
        .contains("**Image** [\\[x\\](y)](<https://x.test/a\\>b%0A\\<c\\>>) · `image/png`")
        .contains("> **Reasoning**\n>\n> line\n>\n> ## not a heading\n> ```\n")
        .contains("**Tool result** for call ``c`1`` · _text_\n\n````text\n```\nbreak out\n````\n");
  }
}
