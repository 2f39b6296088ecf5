package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatSession;
import dev.chatstore.CorruptDataException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.crypto.Encryption;
import dev.chatstore.crypto.KeyProvider;
import dev.chatstore.crypto.MissingKeyException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an encrypted H2 store does with values it cannot open: a value moved to another row, tampered
 * with or truncated is a CorruptDataException for that value alone; a value whose key is gone is a
 * MissingKeyException naming the key, and what other keys sealed still reads.
 */
class EncryptedFailuresTest {
  @TempDir
  Path folder;

  private JdbcSessionStore open(Encryption encryption) {
    return JdbcSessionStore.h2Builder(folder).encryption(encryption).open();
  }

  private TestDatabase db() {
    return TestDatabase.h2(folder);
  }

  @Test
  void aTitleCopiedToAnotherSessionDoesNotOpenThere() throws Exception {
    try (JdbcSessionStore store = open(TestKeys.encryption("k1"))) {
      ChatSession a = store.createSession(NewSession.forOwner("o").title("alpha").build());
      ChatSession b = store.createSession(NewSession.forOwner("o").title("beta").build());
      db().update("UPDATE chatstore_sessions SET title = (SELECT title FROM chatstore_sessions WHERE id = ?)"
          + " WHERE id = ?", a.id(), b.id());

      assertThatThrownBy(() -> store.findSession(b.id()))
          .isInstanceOfSatisfying(CorruptDataException.class, e -> assertThat(e.location())
              .isEqualTo("session " + b.id() + " field title"));
      assertThat(store.findSession(a.id()).orElseThrow().title()).isEqualTo("alpha");
    }
  }

  @Test
  void contentCopiedToAnotherMessageDoesNotOpenThereAndTheRestReads() throws Exception {
    try (JdbcSessionStore store = open(TestKeys.encryption("k1"))) {
      ChatSession s = store.createSession(NewSession.forOwner("o").build());
      Message first = store.append(s.id(), NewMessage.user("first"));
      Message second = store.append(s.id(), NewMessage.user("second"));
      db().update("UPDATE chatstore_messages SET content = (SELECT content FROM chatstore_messages WHERE id = ?)"
          + " WHERE id = ?", first.id(), second.id());

      assertThatThrownBy(() -> store.findMessage(s.id(), second.id()))
          .isInstanceOfSatisfying(CorruptDataException.class, e -> assertThat(e.location())
              .isEqualTo("session " + s.id() + " message " + second.id() + " field content"));
      assertThat(store.findMessage(s.id(), first.id()).orElseThrow().content()).isEqualTo("first");
    }
  }

  @Test
  void tamperedAndTruncatedValuesAreCorruptData() throws Exception {
    try (JdbcSessionStore store = open(TestKeys.encryption("k1"))) {
      ChatSession s = store.createSession(NewSession.forOwner("o").build());
      Message m = store.append(s.id(), NewMessage.user("hello there"));
      Message fine = store.append(s.id(), NewMessage.user("fine"));
      String sealed = db().column("SELECT content FROM chatstore_messages WHERE id = ?", m.id()).get(0);
      assertThat(sealed).startsWith("cse1:k1:");
      char last = sealed.charAt(sealed.length() - 1);
      String tampered = sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A');
      db().update("UPDATE chatstore_messages SET content = ? WHERE id = ?", tampered, m.id());
      assertThatThrownBy(() -> store.findMessage(s.id(), m.id())).isInstanceOf(CorruptDataException.class)
          .hasMessageContaining("field content");

      db().update("UPDATE chatstore_messages SET content = ? WHERE id = ?", sealed.substring(0, 20), m.id());
      assertThatThrownBy(() -> store.findMessage(s.id(), m.id())).isInstanceOf(CorruptDataException.class)
          .hasMessageContaining("truncated");
      assertThat(store.findMessage(s.id(), fine.id()).orElseThrow().content()).isEqualTo("fine");
    }
  }

  @Test
  void aMissingKeyIsNamedAndWhatTheNewKeySealedStillReads() {
    String old;
    try (JdbcSessionStore store = open(TestKeys.encryption("k1"))) {
      old = store.createSession(NewSession.forOwner("o").title("old").build()).id();
    }
    Encryption onlyK2 = Encryption.aesGcm(KeyProvider.of("k2", Map.of("k2", TestKeys.key("k2"))));
    try (JdbcSessionStore store = open(onlyK2)) {
      ChatSession fresh = store.createSession(NewSession.forOwner("o").title("new").build());
      assertThatThrownBy(() -> store.findSession(old))
          .isInstanceOfSatisfying(MissingKeyException.class, e -> {
            assertThat(e.keyId()).isEqualTo("k1");
            assertThat(e.location()).contains(old);
          });
      assertThat(store.findSession(fresh.id()).orElseThrow().title()).isEqualTo("new");
      assertThat(store.append(fresh.id(), NewMessage.user("still writes")).content()).isEqualTo("still writes");
    }
  }

  @Test
  void aPlainStoreOnEncryptedDataNamesTheKeyRatherThanShowingCiphertext() {
    String id;
    try (JdbcSessionStore store = open(TestKeys.encryption("k1"))) {
      id = store.createSession(NewSession.forOwner("o").title("sealed").build()).id();
    }
    try (JdbcSessionStore store = JdbcSessionStore.h2(folder)) {
      assertThatThrownBy(() -> store.findSession(id))
          .isInstanceOfSatisfying(MissingKeyException.class, e -> assertThat(e.keyId()).isEqualTo("k1"));
    }
  }

  @Test
  void aPlainStoreOnAnEncryptedStreamNamesTheKey() {
    try (JdbcSessionStore store = open(TestKeys.encryption("k1"))) {
      String session = store.createSession(NewSession.forOwner("o").build()).id();
      dev.chatstore.MessageStream stream = store.openStream(session, StorageTestBase.explicitFlushes());
      stream.append("streamed").flush();
      // a second store on the same file, without keys, while the stream's chunks are there
      try (JdbcSessionStore plain = JdbcSessionStore.h2(folder)) {
        assertThatThrownBy(() -> plain.findMessage(session, stream.messageId()))
            .isInstanceOfSatisfying(MissingKeyException.class, e -> assertThat(e.keyId()).isEqualTo("k1"));
      }
    }
  }

  @Test
  void aSealedChunkMovedToAnotherNumberDoesNotOpen() throws Exception {
    try (JdbcSessionStore store = open(TestKeys.encryption("k1"))) {
      ChatSession s = store.createSession(NewSession.forOwner("o").build());
      dev.chatstore.MessageStream stream = store.openStream(s.id(), StorageTestBase.explicitFlushes());
      stream.append("one").flush();
      stream.append("two").flush();
      db().update("UPDATE chatstore_stream_chunks SET chunk_text = (SELECT chunk_text FROM chatstore_stream_chunks"
          + " WHERE message_id = ? AND chunk_no = 1) WHERE message_id = ? AND chunk_no = 2",
          stream.messageId(), stream.messageId());
      assertThatThrownBy(() -> store.findMessage(s.id(), stream.messageId()))
          .isInstanceOf(CorruptDataException.class).hasMessageContaining("chunk.2.text");
    }
  }

  @Test
  void aKeyOfTheWrongLengthIsRefusedBeforeAStoreIsBuilt() {
    assertThatThrownBy(() -> JdbcSessionStore.h2Builder(folder)
        .encryption(Encryption.aesGcm(KeyProvider.of("short", Map.of("short", new byte[16])))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("short");
  }
}
