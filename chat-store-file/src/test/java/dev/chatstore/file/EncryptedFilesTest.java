package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.testkit.SecretChat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that an encrypting file store keeps nothing it must seal in clear: a chat with a marker in
 * every such value, written through the store, and every byte of every file under its folder scanned
 * for the markers, while a stream is still open and after the store closed. The same chat through a
 * plain store shows them all, so the scan does look where the values are.
 */
class EncryptedFilesTest {
  @TempDir
  Path folder;

  @Test
  void noSealedValueIsInAnyFileWhileAStreamIsOpenNorAfterClose() {
    SecretChat chat;
    try (SessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      chat = SecretChat.writeInto(store, "owner-1");
      assertThat(chat.foundIn(allBytes(folder))).as("markers in the files while a stream is open").isEmpty();
    }
    assertThat(chat.foundIn(allBytes(folder))).as("markers in the files after close").isEmpty();
    assertThat(fileNames(folder)).as("what was scanned").anyMatch(f -> f.endsWith("index.jsonl"))
        .anyMatch(f -> f.endsWith(".jsonl") && f.contains("sessions"));
  }

  @Test
  void thePlainStoreWritesTheSameChatInClear() {
    SecretChat chat;
    try (SessionStore store = FileSessionStore.open(folder)) {
      chat = SecretChat.writeInto(store, "owner-1");
    }
    assertThat(chat.foundIn(allBytes(folder))).containsExactlyInAnyOrderElementsOf(chat.markers());
  }

  @Test
  void whatWasSealedReadsBackAfterReopening() {
    SecretChat chat;
    String sessionId;
    try (SessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      chat = SecretChat.writeInto(store, "owner-1");
      sessionId = store.listSessions(SessionQuery.of("owner-1")).items().get(0).id();
    }
    try (SessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      ChatSession session = store.getSession(sessionId);
      List<Message> messages = store.messages(sessionId, MessageQuery.earliest(10)).items();
      String everything = session.title() + session.metadata() + session.stateJson()
          + store.listSessions(SessionQuery.of("owner-1")).items() + messages
          + store.messageRevisions(sessionId, messages.get(3).id());
      // every marker but the first title's, which the rename replaced, reads back
      assertThat(chat.foundIn(everything)).containsExactlyInAnyOrderElementsOf(
          chat.markers().stream().filter(m -> !m.startsWith("SECRETtitleX")).toList());
      assertThat(messages).extracting(Message::status).containsExactly(MessageStatus.COMPLETE,
          MessageStatus.COMPLETE, MessageStatus.COMPLETE, MessageStatus.COMPLETE, MessageStatus.INTERRUPTED);
    }
  }

  /** Every regular file under {@code root}, concatenated. */
  static byte[] allBytes(Path root) {
    var out = new java.io.ByteArrayOutputStream();
    for (String name : fileNames(root)) {
      try {
        out.write(Files.readAllBytes(Path.of(name)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out.toByteArray();
  }

  static List<String> fileNames(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return new ArrayList<>(files.filter(Files::isRegularFile).map(Path::toString).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
