package dev.chatstore.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.MessageStatus;
import dev.chatstore.SessionStore;
import dev.chatstore.spi.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExportImportRoundTripTest {
  private final SessionStore source = SessionStore.inMemory();
  private final SessionStore target = SessionStore.inMemory();

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  @ParameterizedTest
  @EnumSource(value = ExportFormat.class, names = {"JSON", "JSONL"})
  void importBackGivesTheSameSessionAndASecondExportTheSameBytes(ExportFormat format) {
    ChatSession original = SampleChat.create(source);
    String exported = SessionExporter.of(source).exportToString(original.id(), format);

    ImportResult result = SessionImporter.of(target).importSession(ImportSource.of(exported), ImportOptions.defaults());

    ChatSession imported = result.session();
    assertThat(result.messagesImported()).isEqualTo(8);
    assertThat(result.replaced()).isFalse();
    assertThat(imported.id()).isEqualTo(original.id());
    assertThat(imported.ownerId()).isEqualTo(original.ownerId());
    assertThat(imported.projectId()).isEqualTo(original.projectId());
    assertThat(imported.title()).isEqualTo(original.title());
    assertThat(imported.metadata()).isEqualTo(original.metadata());
    assertThat(imported.stateJson()).isEqualTo(original.stateJson());
    assertThat(imported.messageCount()).isEqualTo(original.messageCount());
    assertThat(SampleChat.contents(target, imported.id())).isEqualTo(SampleChat.contents(source, original.id()));
    assertThat(SessionExporter.of(target).exportToString(imported.id(), format)).isEqualTo(exported);
  }

  @Test
  void jsonAndJsonlHoldTheSameData() {
    ChatSession original = SampleChat.create(source);
    SessionExporter exporter = SessionExporter.of(source);
    String json = exporter.exportToString(original.id(), ExportFormat.JSON);
    String jsonl = exporter.exportToString(original.id(), ExportFormat.JSONL);
    SessionImporter.of(target).importSession(ImportSource.of(jsonl), ImportOptions.defaults());
    assertThat(SessionExporter.of(target).exportToString(original.id(), ExportFormat.JSON)).isEqualTo(json);
    assertThat(jsonl.split("\n")).hasSize(1 + 8);
  }

  @Test
  void theJsonExportIsCanonicalJson() {
    ChatSession original = SampleChat.create(source);
    String json = SessionExporter.of(source).exportToString(original.id(), ExportFormat.JSON);
    assertThat(json).endsWith("]}\n");
    String body = json.substring(0, json.length() - 1);
    assertThat(Json.canonical(body, "export")).isEqualTo(body);
    for (String line : SessionExporter.of(source).exportToString(original.id(), ExportFormat.JSONL).split("\n")) {
      assertThat(Json.canonical(line, "line")).isEqualTo(line);
    }
    assertThat(json).startsWith("{\"chat\":{").contains("\"format\":\"chat-store-session\",\"formatVersion\":2,"
        + "\"messages\":[{");
  }

  @Test
  void exportingTwiceGivesTheSameBytesAndTheOutputStreamIsUtf8() {
    ChatSession original = SampleChat.create(source);
    SessionExporter exporter = SessionExporter.of(source);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    exporter.export(original.id(), ExportFormat.JSONL, out);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(exporter.exportToString(original.id(), ExportFormat.JSONL));
  }

  @Test
  void freshIdsMakeACopyBesideTheOriginal() {
    ChatSession original = SampleChat.create(source);
    String exported = SessionExporter.of(source).exportToString(original.id(), ExportFormat.JSON);

    ChatSession copy = SessionImporter.of(source)
        .importSession(ImportSource.of(exported), ImportOptions.defaults().withFreshIds()).session();

    assertThat(copy.id()).isNotEqualTo(original.id());
    List<SampleChat.Content> copied = SampleChat.contents(source, copy.id());
    List<SampleChat.Content> originals = SampleChat.contents(source, original.id());
    assertThat(copied).extracting(SampleChat.Content::withoutId)
        .isEqualTo(originals.stream().map(SampleChat.Content::withoutId).toList());
    assertThat(copied).extracting(SampleChat.Content::id)
        .doesNotContainAnyElementsOf(originals.stream().map(SampleChat.Content::id).toList());
    // tool call ids are the model's, not the store's: kept, so results still pair with their calls
    assertThat(source.toolExecutions(copy.id())).hasSize(2).noneMatch(e -> e.isOrphan());
  }

  @Test
  void anOwnerCanBeGivenOnImport() {
    ChatSession original = SampleChat.create(source);
    String exported = SessionExporter.of(source).exportToString(original.id(), ExportFormat.JSON);
    ChatSession mine = SessionImporter.of(target)
        .importSession(ImportSource.of(exported), ImportOptions.defaults().withOwner("someone-else")).session();
    assertThat(mine.ownerId()).isEqualTo("someone-else");
    assertThat(target.latestSession("someone-else")).isPresent();
  }

  @Test
  void aDeletedSessionImportsDeleted() {
    ChatSession original = SampleChat.create(source);
    source.deleteSession(original.id());
    String exported = SessionExporter.of(source).exportToString(original.id(), ExportFormat.JSON);
    assertThat(exported).contains("\"deleted\":true");
    ChatSession imported = SessionImporter.of(target)
        .importSession(ImportSource.of(exported), ImportOptions.defaults()).session();
    assertThat(imported.isDeleted()).isTrue();
    assertThat(SessionExporter.of(target).exportToString(imported.id(), ExportFormat.JSON)).isEqualTo(exported);
  }

  @Test
  void aMessageStillStreamingImportsInterrupted() {
    ChatSession s = source.createSession(dev.chatstore.NewSession.forOwner("o").build());
    var stream = source.openStream(s.id(), dev.chatstore.StreamOptions.assistant());
    stream.append("half a rep");
    stream.flush();
    String exported = SessionExporter.of(source).exportToString(s.id(), ExportFormat.JSON);
    stream.complete();
    assertThat(exported).contains("\"status\":\"STREAMING\"");
    ChatSession imported = SessionImporter.of(target)
        .importSession(ImportSource.of(exported), ImportOptions.defaults()).session();
    assertThat(SampleChat.messages(target, imported.id())).singleElement().satisfies(m -> {
      assertThat(m.status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(m.content()).isEqualTo("half a rep");
    });
  }

  @Test
  void anEmptySessionRoundTrips() {
    ChatSession s = source.createSession(dev.chatstore.NewSession.forOwner("o").build());
    for (ExportFormat format : List.of(ExportFormat.JSON, ExportFormat.JSONL)) {
      String exported = SessionExporter.of(source).exportToString(s.id(), format);
      SessionImporter.of(target).importSession(ImportSource.of(exported), ImportOptions.defaults().replacingExisting());
      assertThat(SessionExporter.of(target).exportToString(s.id(), format)).isEqualTo(exported);
    }
  }
}
