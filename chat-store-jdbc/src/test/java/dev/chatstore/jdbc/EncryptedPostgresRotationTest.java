package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.crypto.Encryption;
import dev.chatstore.crypto.KeyProvider;
import dev.chatstore.crypto.RotationProgress;
import dev.chatstore.testkit.SecretChat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Key rotation on PostgreSQL, where JSON columns are jsonb and text goes through the store's escapes:
 * a store that was plain, then sealed with k1, then rotated to k2, reads the same all along, and no
 * marker is left in its tables.
 */
class EncryptedPostgresRotationTest {
  @Test
  void plainThenK1ThenK2ReadsTheSameAndLeavesNoPlaintext() throws Exception {
    TestDatabase db = TestDatabase.migratedPostgres();
    SecretChat chat;
    String id;
    List<Object> before;
    try (JdbcSessionStore plain = db.open()) {
      chat = SecretChat.writeInto(plain, "o");
      plain.append(plain.latestSession("o").orElseThrow().id(), dev.chatstore.NewMessage.user("nul \u0000 inside"));
      id = plain.latestSession("o").orElseThrow().id();
    }
    try (JdbcSessionStore plain = db.open()) {
      before = everything(plain, id); // after close ended the open stream as INTERRUPTED
    }
    try (JdbcSessionStore store = db.builder().encryption(TestKeys.encryption("k1")).open()) {
      assertThat(everything(store, id)).isEqualTo(before);
      assertThat(store.keyRotation(10).rotateAll(p -> { }).done()).isTrue();
      assertThat(chat.foundIn(dump(db))).isEmpty();
    }
    try (JdbcSessionStore store = db.builder().encryption(TestKeys.encryption("k2", "k1")).open()) {
      List<RotationProgress> batches = new ArrayList<>();
      assertThat(store.keyRotation(7).rotateAll(batches::add).done()).isTrue();
      assertThat(batches.size()).isGreaterThan(1);
      assertThat(dump(db)).doesNotContain("cse1:k1:");
    }
    Encryption onlyK2 = Encryption.aesGcm(KeyProvider.of("k2", Map.of("k2", TestKeys.key("k2"))));
    try (JdbcSessionStore store = db.builder().encryption(onlyK2).open()) {
      assertThat(everything(store, id)).isEqualTo(before);
      assertThat(store.searchMessages("o", "NUL \u0000", dev.chatstore.PageRequest.first(10)).items())
          .extracting(Message::content).containsExactly("nul \u0000 inside");
    }
  }

  private static List<Object> everything(JdbcSessionStore store, String id) {
    List<Object> all = new ArrayList<>();
    all.add(store.findSession(id).orElseThrow());
    for (Message m : store.messages(id, MessageQuery.earliest(1000)).items()) {
      all.add(m);
      all.addAll(store.messageRevisions(id, m.id()));
    }
    all.add(store.listSessions(dev.chatstore.SessionQuery.forOwner("o").build()).items());
    return all;
  }

  private static String dump(TestDatabase db) throws Exception {
    StringBuilder dump = new StringBuilder();
    for (String table : db.tables()) {
      db.column("SELECT CAST(t AS text) FROM " + table + " t").forEach(row -> dump.append(row).append('\n'));
    }
    return dump.toString();
  }
}
