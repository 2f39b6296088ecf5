package dev.chatstore.examples.above;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.SessionStore;
import dev.chatstore.transfer.ExportFormat;
import dev.chatstore.transfer.ImportOptions;
import dev.chatstore.transfer.ImportResult;
import dev.chatstore.transfer.ImportSource;
import dev.chatstore.transfer.SessionExporter;
import dev.chatstore.transfer.SessionImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Export from one backend, import into another: the same session, and the same bytes on re-export. */
class CrossBackendTransferTest {
  @TempDir
  Path tmp;

  static Stream<Arguments> pairs() {
    List<Arguments> pairs = new ArrayList<>();
    for (Backend from : Backend.values()) {
      for (Backend to : Backend.values()) {
        if (from != to) {
          pairs.add(Arguments.of(from, to));
        }
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("pairs")
  void aSessionMovesBetweenBackendsUnchanged(Backend from, Backend to) {
    try (SessionStore source = from.open(tmp.resolve("a")); SessionStore target = to.open(tmp.resolve("b"))) {
      ChatSession original = SampleChat.create(source, 250); // more than one export page and import batch
      SessionExporter exporter = SessionExporter.of(source);
      for (ExportFormat format : List.of(ExportFormat.JSON, ExportFormat.JSONL)) {
        String exported = exporter.exportToString(original.id(), format);

        ImportResult result = SessionImporter.of(target)
            .importSession(ImportSource.of(exported), ImportOptions.defaults().replacingExisting());

        ChatSession imported = result.session();
        assertThat(result.messagesImported()).isEqualTo(257);
        assertThat(imported.id()).isEqualTo(original.id());
        assertThat(imported.ownerId()).isEqualTo(original.ownerId());
        assertThat(imported.projectId()).isEqualTo(original.projectId());
        assertThat(imported.title()).isEqualTo(original.title());
        assertThat(imported.metadata()).isEqualTo(original.metadata());
        assertThat(imported.stateJson()).isEqualTo(original.stateJson());
        assertThat(imported.messageCount()).isEqualTo(original.messageCount());
        assertThat(SampleChat.contents(target, imported.id())).isEqualTo(SampleChat.contents(source, original.id()));
        assertThat(target.toolExecutions(imported.id())).isEqualTo(source.toolExecutions(original.id()));
        assertThat(SessionExporter.of(target).exportToString(imported.id(), format)).isEqualTo(exported);
      }
    }
  }

  @Test
  void aChainThroughEveryBackendEndsWhereItStarted() {
    List<SessionStore> stores = new ArrayList<>();
    try {
      for (Backend b : List.of(Backend.MEMORY, Backend.H2, Backend.FILE, Backend.MEMORY)) {
        stores.add(b.open(tmp.resolve("chain-" + stores.size())));
      }
      ChatSession original = SampleChat.create(stores.get(0), 10);
      stores.get(0).deleteSession(original.id());
      String first = SessionExporter.of(stores.get(0)).exportToString(original.id(), ExportFormat.JSONL);
      String current = first;
      for (SessionStore next : stores.subList(1, stores.size())) {
        SessionImporter.of(next).importSession(ImportSource.of(current), ImportOptions.defaults());
        assertThat(next.getSession(original.id()).isDeleted()).isTrue();
        current = SessionExporter.of(next).exportToString(original.id(), ExportFormat.JSONL);
        assertThat(current).isEqualTo(first);
      }
    } finally {
      stores.forEach(SessionStore::close);
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Backend.class)
  void freshIdsCopyASessionWithinOneBackend(Backend backend) {
    try (SessionStore store = backend.open(tmp)) {
      ChatSession original = SampleChat.create(store, 3);
      String exported = SessionExporter.of(store).exportToString(original.id(), ExportFormat.JSON);
      ChatSession copy = SessionImporter.of(store)
          .importSession(ImportSource.of(exported), ImportOptions.defaults().withFreshIds()).session();
      assertThat(copy.id()).isNotEqualTo(original.id());
      List<SampleChat.Content> a = SampleChat.contents(store, original.id());
      List<SampleChat.Content> b = SampleChat.contents(store, copy.id());
      assertThat(b).hasSameSizeAs(a);
      for (int i = 0; i < a.size(); i++) {
        assertThat(b.get(i).id()).isNotEqualTo(a.get(i).id());
        assertThat(b.get(i).content()).isEqualTo(a.get(i).content());
        assertThat(b.get(i).status()).isEqualTo(a.get(i).status());
        assertThat(b.get(i).metadata()).isEqualTo(a.get(i).metadata());
        assertThat(b.get(i).createdAt()).isEqualTo(a.get(i).createdAt());
      }
      assertThat(store.toolExecutions(copy.id())).noneMatch(e -> e.isOrphan());
    }
  }
}
