package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatSession;
import dev.chatstore.CorruptDataException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.crypto.Encryption;
import dev.chatstore.crypto.KeyProvider;
import dev.chatstore.crypto.KeyRotation;
import dev.chatstore.crypto.MissingKeyException;
import dev.chatstore.crypto.RotationProgress;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.testkit.SecretChat;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key rotation on an H2 store: new writes use the current key at once; the job rewrites older values in
 * bounded batches until none remain, after which the old key can go; it resumes after a stop, loses
 * nothing written while it runs, and seals values written before encryption was turned on.
 */
class EncryptedRotationTest {
  @TempDir
  Path folder;

  private JdbcSessionStore open(Encryption encryption) {
    return JdbcSessionStore.h2Builder(folder).encryption(encryption).open();
  }

  private static Encryption onlyK2() {
    return Encryption.aesGcm(KeyProvider.of("k2", Map.of("k2", TestKeys.key("k2"))));
  }

  /** Everything a host reads of the owner's sessions: each session, its messages, every revision. */
  private static List<Object> everything(JdbcSessionStore store, List<String> sessionIds) {
    List<Object> all = new ArrayList<>();
    for (String id : sessionIds) {
      all.add(store.findSession(id).orElseThrow());
      for (Message m : store.messages(id, MessageQuery.earliest(1000)).items()) {
        all.add(m);
        List<MessageRevision> revisions = store.messageRevisions(id, m.id());
        all.addAll(revisions);
      }
    }
    return all;
  }

  @Test
  void newWritesUseTheNewKeyAndBatchesRewriteTheRestUntilTheOldKeyCanGo() throws Exception {
    List<String> ids = new ArrayList<>();
    try (JdbcSessionStore store = open(TestKeys.encryption("k1"))) {
      SecretChat.writeInto(store, "o");
      ids.add(latest(store));
      ChatSession other = store.createSession(NewSession.forOwner("o").title("other").build());
      store.append(other.id(), NewMessage.user("hello"));
      ids.add(other.id());
    }
    List<Object> before;
    try (JdbcSessionStore store = open(TestKeys.encryption("k2", "k1"))) {
      before = everything(store, ids);
      ChatSession fresh = store.createSession(NewSession.forOwner("o").title("fresh").build());
      assertThat(column("SELECT title FROM chatstore_sessions WHERE id = '" + fresh.id() + "'")).startsWith("cse1:k2:");
      store.purgeSession(fresh.id());

      KeyRotation rotation = store.keyRotation(5);
      RotationProgress start = rotation.progress();
      assertThat(start.remaining()).isGreaterThan(10);
      assertThat(start.currentKeyId()).isEqualTo("k2");
      long remaining = start.remaining();
      while (remaining > 0) {
        RotationProgress p = rotation.rotateBatch();
        assertThat(p.rewritten()).isBetween(1L, 5L);
        assertThat(p.remaining()).isLessThan(remaining);
        remaining = p.remaining();
      }
      assertThat(rotation.progress().done()).isTrue();
    }
    try (JdbcSessionStore store = open(onlyK2())) {
      assertThat(everything(store, ids)).isEqualTo(before);
    }
  }

  @Test
  void aStoppedRotationResumesWhereItStopped() {
    String id;
    try (JdbcSessionStore store = open(TestKeys.encryption("k1"))) {
      ChatSession s = store.createSession(NewSession.forOwner("o").title("t").build());
      for (int i = 0; i < 10; i++) {
        store.append(s.id(), NewMessage.user("m" + i));
      }
      id = s.id();
    }
    long left;
    try (JdbcSessionStore store = open(TestKeys.encryption("k2", "k1"))) {
      left = store.keyRotation(4).rotateBatch().remaining();
      assertThat(left).isPositive();
    }
    try (JdbcSessionStore store = open(TestKeys.encryption("k2", "k1"))) {
      KeyRotation rotation = store.keyRotation(4);
      assertThat(rotation.progress().remaining()).isEqualTo(left);
      List<RotationProgress> batches = new ArrayList<>();
      assertThat(rotation.rotateAll(batches::add).done()).isTrue();
      assertThat(batches).isNotEmpty();
    }
    try (JdbcSessionStore store = open(onlyK2())) {
      assertThat(store.messages(id, MessageQuery.earliest(100)).items()).hasSize(10);
    }
  }

  @Test
  void rotationWhileSessionsAreWrittenLosesNothing() throws Exception {
    List<String> ids = new ArrayList<>();
    try (JdbcSessionStore store = open(TestKeys.encryption("k1"))) {
      for (int i = 0; i < 4; i++) {
        ChatSession s = store.createSession(NewSession.forOwner("o").build());
        for (int j = 0; j < 20; j++) {
          store.append(s.id(), NewMessage.user("old " + j));
        }
        ids.add(s.id());
      }
    }
    try (JdbcSessionStore store = open(TestKeys.encryption("k2", "k1"))) {
      ExecutorService pool = Executors.newFixedThreadPool(ids.size() + 1);
      CountDownLatch go = new CountDownLatch(1);
      AtomicBoolean writing = new AtomicBoolean(true);
      List<Future<?>> writers = new ArrayList<>();
      for (String id : ids) {
        writers.add(pool.submit(() -> {
          go.await();
          for (int j = 0; j < 15; j++) {
            store.append(id, NewMessage.user("new " + j));
            try (MessageStream stream = store.openStream(id, Role.ASSISTANT)) {
              stream.append("streamed " + j).flush();
              stream.append(" tail").complete();
            }
          }
          return null;
        }));
      }
      Future<RotationProgress> rotation = pool.submit(() -> {
        go.await();
        KeyRotation job = store.keyRotation(7);
        RotationProgress last = job.progress();
        while (writing.get() || !last.done()) {
          last = job.rotateBatch();
        }
        return last;
      });
      go.countDown();
      for (Future<?> w : writers) {
        w.get();
      }
      writing.set(false);
      assertThat(rotation.get().done()).isTrue();
      pool.shutdown();
    }
    try (JdbcSessionStore store = open(onlyK2())) {
      for (String id : ids) {
        List<Message> all = store.messages(id, MessageQuery.earliest(1000)).items();
        assertThat(all).hasSize(20 + 30);
        assertThat(all.stream().filter(m -> m.role() == Role.ASSISTANT).map(Message::content))
            .allMatch(c -> c.startsWith("streamed ") && c.endsWith(" tail"));
      }
    }
  }

  @Test
  void turningEncryptionOnSealsWhatAPlainStoreWrote() throws Exception {
    SecretChat chat;
    List<String> ids = new ArrayList<>();
    List<Object> before;
    try (JdbcSessionStore plain = JdbcSessionStore.h2(folder)) {
      chat = SecretChat.writeInto(plain, "o");
      ids.add(latest(plain));
    }
    try (JdbcSessionStore store = open(TestKeys.encryption("k1"))) {
      before = everything(store, ids); // plain values read as they are
      assertThat(chat.foundIn(dump())).isNotEmpty();
      assertThat(store.keyRotation(50).rotateAll(p -> { }).done()).isTrue();
      assertThat(chat.foundIn(dump())).isEmpty();
      assertThat(everything(store, ids)).isEqualTo(before);
    }
  }

  @Test
  void valuesThatHoldNothingStayInClearAndNeverKeepARotationBusy() throws Exception {
    String bare;
    String withModel;
    String id;
    try (JdbcSessionStore store = open(TestKeys.encryption("k1"))) {
      id = store.createSession(NewSession.forOwner("o").title("t").build()).id();
      bare = store.append(id, NewMessage.user("nothing but text")).id();
      withModel = store.append(id, NewMessage.builder(Role.ASSISTANT).content("reply")
          .metadata(MessageMetadata.builder().model("m-1").build()).build()).id();
    }
    String row = "FROM chatstore_messages WHERE id = '";
    assertThat(column("SELECT tool_calls " + row + bare + "'")).isEqualTo("[]");
    assertThat(column("SELECT metadata " + row + bare + "'")).isEqualTo("{\"schemaVersion\":1}");
    assertThat(column("SELECT metadata " + row + withModel + "'")).startsWith("\"cse1:k1:");
    assertThat(column("SELECT content " + row + bare + "'")).startsWith("cse1:k1:");
    try (JdbcSessionStore store = open(TestKeys.encryption("k2", "k1"))) {
      KeyRotation rotation = store.keyRotation(100);
      // title, preview, two contents, one metadata; the empty session metadata and state, [] and the
      // bare message's metadata are not counted
      assertThat(rotation.progress().remaining()).isEqualTo(5);
      assertThat(rotation.rotateAll(p -> { }).done()).isTrue();
      assertThat(rotation.rotateBatch().rewritten()).isZero();
    }
    try (JdbcSessionStore store = open(onlyK2())) {
      assertThat(store.messages(id, MessageQuery.earliest(10)).items()).extracting(Message::content)
          .containsExactly("nothing but text", "reply");
      assertThat(store.getMessage(id, withModel).metadata().model()).contains("m-1");
    }
  }

  @Test
  void aValueTheRotationCannotOpenStopsTheBatchNamingItAndWritesNothingOfIt() throws Exception {
    String damaged;
    String id;
    try (JdbcSessionStore store = open(TestKeys.encryption("k1"))) {
      id = store.createSession(NewSession.forOwner("o").title("t").build()).id();
      damaged = store.append(id, NewMessage.user("first")).id();
      store.append(id, NewMessage.user("second"));
    }
    String stored = column("SELECT content FROM chatstore_messages WHERE id = '" + damaged + "'");
    String flipped = stored.substring(0, stored.length() - 2) + (stored.endsWith("AA") ? "BB" : "AA");
    TestDatabase.h2(folder).update("UPDATE chatstore_messages SET content = ? WHERE id = ?", flipped, damaged);
    try (JdbcSessionStore store = open(TestKeys.encryption("k2", "k1"))) {
      KeyRotation rotation = store.keyRotation(100);
      long before = rotation.progress().remaining();

      assertThatThrownBy(rotation::rotateBatch).isInstanceOf(CorruptDataException.class)
          .hasMessageContaining(damaged).hasMessageContaining("content");
      assertThat(rotation.progress().remaining()).isEqualTo(before);

      store.purgeSession(id); // the operator's choice: repair or drop what cannot be read
      assertThat(rotation.rotateAll(p -> { }).done()).isTrue();
    }
  }

  @Test
  void aValueWhoseKeyIsGoneStopsTheBatchWithTheKeyId() {
    try (JdbcSessionStore store = open(TestKeys.encryption("k1"))) {
      store.append(store.createSession(NewSession.forOwner("o").title("t").build()).id(), NewMessage.user("x"));
    }
    Encryption k3AndK2 = Encryption.aesGcm(KeyProvider.of("k3", Map.of("k3", TestKeys.key("k3"), "k2",
        TestKeys.key("k2"))));
    try (JdbcSessionStore store = open(k3AndK2)) {
      assertThatThrownBy(() -> store.keyRotation(10).rotateBatch()).isInstanceOfSatisfying(MissingKeyException.class,
          e -> assertThat(e.keyId()).isEqualTo("k1"));
    }
  }

  @Test
  void aRotationNeedsAnEncryptedStoreAndAPositiveBatch() {
    try (JdbcSessionStore plain = JdbcSessionStore.h2(folder)) {
      assertThatThrownBy(() -> plain.keyRotation(10)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("encryption");
    }
    try (JdbcSessionStore store = open(TestKeys.encryption("k1"))) {
      assertThatThrownBy(() -> store.keyRotation(0)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("batchSize");
    }
  }

  private static String latest(JdbcSessionStore store) {
    return store.latestSession("o").orElseThrow().id();
  }

  private String column(String sql) throws Exception {
    return TestDatabase.h2(folder).column(sql).get(0);
  }

  /** Every value of every chat-store table, as text. */
  private String dump() throws Exception {
    TestDatabase db = TestDatabase.h2(folder);
    StringBuilder dump = new StringBuilder();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (String table : db.tables()) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          while (rs.next()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              dump.append(rs.getString(i)).append('\t');
            }
            dump.append('\n');
          }
        }
      }
    }
    return dump.toString();
  }
}
