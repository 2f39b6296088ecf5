package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatstore.ChatSession;
import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionSummary;
import dev.chatstore.crypto.MissingKeyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session sealed with a key the provider no longer has: every call on it throws
 * {@link MissingKeyException} naming the key id, the other sessions read, and the listing shows what
 * the index's copy says while that opens, and leaves the session out (until the key is back) when the
 * index has to be rebuilt from the files.
 */
class MissingKeyTest {
  @TempDir
  Path folder;
  private String old;
  private String recent;

  /** {@code old} sealed with k1; then k2 made current and {@code recent} sealed with it. */
  @BeforeEach
  void sessionsUnderTwoKeys() {
    try (SessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      old = chat(store, "old");
    }
    try (SessionStore store = TestKeys.builder(folder, "k2", "k1", "k2").open()) {
      recent = chat(store, "recent");
    }
  }

  @Test
  void aSessionWhoseKeyIsGoneNamesItAndTheOthersRead() {
    try (SessionStore store = TestKeys.builder(folder, "k2", "k2").open()) {
      MissingKeyException e = catchThrowableOfType(MissingKeyException.class, () -> store.getSession(old));
      assertThat(e).isNotNull();
      assertThat(e.keyId()).isEqualTo("k1");
      assertThat(e.location()).contains(old);
      assertThat(catchThrowableOfType(MissingKeyException.class,
          () -> store.messages(old, MessageQuery.earliest(5))).keyId()).isEqualTo("k1");

      assertThat(store.getSession(recent).title()).isEqualTo("chat recent");
      assertThat(store.messages(recent, MessageQuery.earliest(5)).items()).extracting(m -> m.content())
          .containsExactly("question recent");
      // the index was last written with k2 current: its copy of the old title opens, so it is listed
      assertThat(store.listSessions(SessionQuery.of("owner-1")).items()).extracting(SessionSummary::title)
          .containsExactlyInAnyOrder("chat old", "chat recent");
      // search leaves out what it cannot read, and finds the rest
      assertThat(store.searchMessages("owner-1", "question", PageRequest.first(10)).items())
          .extracting(m -> m.sessionId()).containsExactly(recent);
    }
  }

  @Test
  void rebuiltFromTheFilesTheListingLeavesItOutUntilTheKeyIsBack() throws IOException {
    Files.delete(folder.resolve("index.jsonl"));
    try (SessionStore store = TestKeys.builder(folder, "k2", "k2").open()) {
      assertThat(store.listSessions(SessionQuery.of("owner-1")).items()).extracting(SessionSummary::id)
          .containsExactly(recent);
      assertThat(catchThrowableOfType(MissingKeyException.class, () -> store.getSession(old)).keyId())
          .isEqualTo("k1");
    }
    try (SessionStore store = TestKeys.builder(folder, "k2", "k1", "k2").open()) {
      assertThat(store.listSessions(SessionQuery.of("owner-1")).items()).extracting(SessionSummary::id)
          .containsExactlyInAnyOrder(old, recent);
      assertThat(store.getSession(old).title()).isEqualTo("chat old");
    }
  }

  @Test
  void aStoreOpenedWithoutEncryptionNamesTheKeyItWouldNeed() {
    try (SessionStore store = FileSessionStore.open(folder)) {
      MissingKeyException e = catchThrowableOfType(MissingKeyException.class, () -> store.getSession(recent));
      assertThat(e).isNotNull();
      assertThat(e.keyId()).isEqualTo("k2");
      assertThat(e.getMessage()).contains("opened without encryption");
    }
  }

  private static String chat(SessionStore store, String name) {
    ChatSession session = store.createSession(NewSession.forOwner("owner-1").title("chat " + name).build());
    store.append(session.id(), NewMessage.user("question " + name));
    return session.id();
  }
}
