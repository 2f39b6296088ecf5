package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.SessionStore;
import dev.chatstore.transfer.ExportFormat;
import dev.chatstore.transfer.SessionExporter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fixture must really store every marker: a scan that finds none proves nothing otherwise. */
class SecretChatTest {

  @Test
  void everyMarkerIsStoredAndReadsBack() {
    try (SessionStore store = SessionStore.inMemory()) {
      SecretChat chat = SecretChat.writeInto(store, "owner-1");
      String sessionId = store.latestSession("owner-1").orElseThrow().id();
      String export = SessionExporter.of(store).exportToString(sessionId, ExportFormat.JSON);
      assertThat(chat.markers()).hasSizeGreaterThan(15);
      assertThat(chat.foundIn(export)).containsExactlyElementsOf(chat.markers().stream()
          .filter(m -> !m.startsWith("SECRETtitle")).toList()); // the first title was renamed away
      assertThat(chat.foundIn(export.getBytes(StandardCharsets.UTF_8)))
          .containsAll(chat.foundIn(export));
      assertThat(chat.foundIn("nothing here".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
  }
}
