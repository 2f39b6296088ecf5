package dev.chatstore.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.InlineBytes;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.ReasoningPart;
import dev.chatstore.SessionStore;
import dev.chatstore.TextPart;
import dev.chatstore.ToolResult;
import dev.chatstore.UnknownPart;
import dev.chatstore.spi.Json;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Export format 2 carries every part of message model v2, and an import gives it all back. */
class PartsExportTest {
  private final SessionStore source = SessionStore.inMemory();
  private final SessionStore target = SessionStore.inMemory();

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  @ParameterizedTest
  @EnumSource(value = ExportFormat.class, names = {"JSON", "JSONL"})
  void everyPartResultAttributeNameAndTheKeyRoundTrip(ExportFormat format) {
    ChatSession original = PartsChat.create(source);
    String exported = SessionExporter.of(source).exportToString(original.id(), format);

    ImportResult result = SessionImporter.of(target).importSession(ImportSource.of(exported), ImportOptions.defaults());

    assertThat(result.session().key()).contains(PartsChat.KEY);
    assertThat(target.findSessionByKey(PartsChat.OWNER, PartsChat.KEY)).map(ChatSession::id).contains(original.id());
    assertThat(SampleChat.contents(target, original.id())).isEqualTo(SampleChat.contents(source, original.id()));
    assertThat(SessionExporter.of(target).exportToString(original.id(), format)).isEqualTo(exported);
  }

  @Test
  void whatWasImportedIsExactlyWhatWasWritten() {
    ChatSession original = PartsChat.create(source);
    String exported = SessionExporter.of(source).exportToString(original.id(), ExportFormat.JSONL);
    SessionImporter.of(target).importSession(ImportSource.of(exported), ImportOptions.defaults());

    List<Message> messages = SampleChat.messages(target, original.id());
    Message user = messages.get(0);
    MediaPart image = (MediaPart) user.parts().get(1);
    assertThat(image.bytes().map(InlineBytes::toByteArray)).hasValue(PartsChat.allBytes());
    assertThat(image.fileName()).contains("tiny pic (1).png");
    assertThat(((MediaPart) user.parts().get(2)).uri()).contains("https://example.com/Zürich docs/report (final).pdf");
    assertThat(user.attributesJson()).isEqualTo(Json.canonical(PartsChat.ATTRIBUTES, "a"));
    assertThat(user.name()).contains("alice");

    Message assistant = messages.get(1);
    assertThat(((ReasoningPart) assistant.parts().get(0)).signature()).contains(PartsChat.SIGNATURE);
    assertThat(((ReasoningPart) assistant.parts().get(1)).encrypted()).contains(PartsChat.ENCRYPTED);
    assertThat(((TextPart) assistant.parts().get(3)).unknownFields()).containsEntry("citations", "[{\"start\":0}]");
    assertThat(assistant.parts().get(4)).isInstanceOfSatisfying(UnknownPart.class, p -> {
      assertThat(p.type()).isEqualTo("audio_transcript");
      assertThat(p.unknownFields()).containsEntry("lang", "\"de\"").containsEntry("segments", "[1,2]");
    });
    assertThat(assistant.content()).isEqualTo("A tiny picture. And a report.");
    assertThat(assistant.toolCalls().get(1).malformed()).isTrue();
    assertThat(assistant.toolCalls().get(1).argumentsJson()).isEqualTo(PartsChat.MALFORMED_ARGS);

    assertThat(messages.get(2).toolResults()).extracting(ToolResult::format)
        .containsExactly(ToolResult.OutputFormat.JSON, ToolResult.OutputFormat.TEXT);
    assertThat(messages.get(2).toolResults().get(1).output()).isEqualTo(PartsChat.TEXT_OUTPUT);
    assertThat(target.toolExecutions(original.id())).hasSize(2).noneMatch(e -> e.isOrphan());
  }

  @Test
  void theFormatWritesPartsOnlyForMessagesThatAreNotPlainText() {
    ChatSession original = PartsChat.create(source);
    String[] lines = SessionExporter.of(source).exportToString(original.id(), ExportFormat.JSONL).split("\n");

    assertThat(lines[0]).contains("\"formatVersion\":2").contains("\"key\":" + Json.MAPPER.getNodeFactory()
        .textNode(PartsChat.KEY));
    String inline = Base64.getEncoder().encodeToString(PartsChat.allBytes());
    assertThat(lines[1]).contains("\"parts\":[{\"text\":\"What is in this picture?\",\"type\":\"text\"},"
            + "{\"bytes\":\"" + inline + "\",\"fileName\":\"tiny pic (1).png\",\"mimeType\":\"image/png\",\"type\":\"media\"},")
        .contains("\"attributes\":{\"big\":123456789012345678901234567890,")
        .contains("\"name\":\"alice\"")
        .contains("\"content\":\"What is in this picture?\"");
    assertThat(lines[2]).contains("{\"arguments\":\"{\\\"city\\\": \\\"Par\",\"id\":\"call_b\",\"malformed\":true,"
        + "\"name\":\"clock\"}");
    assertThat(lines[3]).contains("\"toolResults\":[{\"callId\":\"call_a\",\"error\":false,\"output\":{\"sky\":\"rain\"},"
        + "\"toolName\":\"weather\"},{\"callId\":\"call_b\",\"error\":true,\"outputText\":\"line 1\\nNUL \\u0000 and 𝄞");
    // a plain text message is written as version 1 wrote it, with only its content
    assertThat(lines[4]).startsWith("{\"content\":\"Plain, as in version 1.\",\"createdAt\":")
        .doesNotContain("\"parts\"").doesNotContain("\"attributes\"").doesNotContain("\"name\"");
  }

  @Test
  void aCopyWithFreshIdsAndNoKeySitsBesideTheOriginal() {
    ChatSession original = PartsChat.create(source);
    String exported = SessionExporter.of(source).exportToString(original.id(), ExportFormat.JSON);

    ChatSession copy = SessionImporter.of(source).importSession(ImportSource.of(exported),
        ImportOptions.defaults().withFreshIds().withoutKey()).session();

    assertThat(copy.key()).isEmpty();
    assertThat(source.findSessionByKey(PartsChat.OWNER, PartsChat.KEY)).map(ChatSession::id).contains(original.id());
    assertThat(SampleChat.contents(source, copy.id())).extracting(SampleChat.Content::withoutId)
        .isEqualTo(SampleChat.contents(source, original.id()).stream().map(SampleChat.Content::withoutId).toList());
  }
}
