package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatstore.CorruptDataException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.crypto.MissingKeyException;
import dev.chatstore.testkit.SecretChat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an encrypting file store leaves on disk and how it meets damage: no value in clear in any file
 * of the folder (while a stream is still open and after close), a sealed value moved, tampered with or
 * cut short is that session's {@link CorruptDataException} alone, and a missing key is a
 * {@link MissingKeyException} naming it while sessions sealed with another key still read.
 */
class EncryptedFilesTest {
  @TempDir
  Path folder;

  private Path file(String sessionId) {
    return folder.resolve("sessions").resolve(sessionId + ".jsonl");
  }

  /** Every byte of every regular file under the folder. */
  private byte[] allFiles() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        all.writeBytes(Files.readAllBytes(p));
      }
    }
    return all.toByteArray();
  }

  private static List<String> contents(FileSessionStore store, String id) {
    return store.messages(id, MessageQuery.earliest(1000)).items().stream().map(Message::content).toList();
  }

  private String sessionWith(FileSessionStore store, String... texts) {
    String id = store.createSession(NewSession.forOwner("owner").title("t " + texts[0]).build()).id();
    for (String text : texts) {
      store.append(id, NewMessage.user(text));
    }
    return id;
  }

  /** The value of the {@code "sealed"} field of each line of a file, "" for lines without one. */
  private List<String> sealedValues(Path file) throws IOException {
    List<String> values = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int at = line.indexOf("\"sealed\":\"");
      values.add(at < 0 ? "" : line.substring(at + 10, line.indexOf('"', at + 10)));
    }
    return values;
  }

  private void replaceInFile(Path file, String from, String to) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
  }

  @Test
  void noMarkerOfASecretChatIsInAnyFileWhileItStreamsNorAfterClose() throws IOException {
    SecretChat chat;
    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      chat = SecretChat.writeInto(store, "owner");
      assertThat(chat.foundIn(allFiles())).as("markers on disk with a stream still open").isEmpty();
    }
    assertThat(chat.foundIn(allFiles())).as("markers on disk after close").isEmpty();
    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      SessionSummary summary = store.listSessions(SessionQuery.of("owner")).items().get(0);
      assertThat(chat.foundIn(summary.title())).as("a listing opens titles").hasSize(1);
      assertThat(chat.foundIn(String.join("\n", contents(store, summary.id())))).isNotEmpty();
    }
  }

  @Test
  void aPlainStoreShowsTheMarkersSoTheScanCanSeeThem() throws IOException {
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      SecretChat chat = SecretChat.writeInto(store, "owner");
      assertThat(chat.foundIn(allFiles())).containsExactlyInAnyOrderElementsOf(chat.markers());
    }
  }

  @Test
  void aSealedValueMovedToAnotherSessionIsCorruptThereAndTheFirstStillReads() throws IOException {
    String a;
    String b;
    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      a = sessionWith(store, "alpha one", "alpha two");
      b = sessionWith(store, "beta one", "beta two");
    }
    String fromA = sealedValues(file(a)).get(2); // the first message.appended line
    String inB = sealedValues(file(b)).get(2);
    replaceInFile(file(b), inB, fromA);

    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      CorruptDataException e = catchThrowableOfType(() -> contents(store, b), CorruptDataException.class);
      assertThat(e).as("a value moved from another session").isNotNull();
      assertThat(e.getMessage()).contains(b);
      assertThat(contents(store, a)).containsExactly("alpha one", "alpha two");
      assertThat(store.listSessions(SessionQuery.of("owner")).items()).extracting(SessionSummary::id).contains(a);
    }
  }

  @Test
  void sealedValuesSwappedBetweenTwoMessagesOfASessionAreCorrupt() throws IOException {
    String id;
    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      id = sessionWith(store, "first", "second", "third");
    }
    List<String> values = sealedValues(file(id));
    String text = Files.readString(file(id), StandardCharsets.UTF_8)
        .replace(values.get(2), "@@FIRST@@").replace(values.get(3), values.get(2)).replace("@@FIRST@@", values.get(3));
    Files.writeString(file(id), text, StandardCharsets.UTF_8);

    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      assertThat(catchThrowableOfType(() -> contents(store, id), CorruptDataException.class)).isNotNull();
    }
  }

  @Test
  void aTamperedOrTruncatedValueIsCorruptAndOtherSessionsStillRead() throws IOException {
    String tampered;
    String truncated;
    String fine;
    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      tampered = sessionWith(store, "t one", "t two");
      truncated = sessionWith(store, "u one", "u two");
      fine = sessionWith(store, "f one", "f two");
    }
    String value = sealedValues(file(tampered)).get(2);
    int mid = value.length() - 10;
    char flipped = value.charAt(mid) == 'A' ? 'B' : 'A';
    replaceInFile(file(tampered), value, value.substring(0, mid) + flipped + value.substring(mid + 1));
    String cut = sealedValues(file(truncated)).get(2);
    replaceInFile(file(truncated), cut, cut.substring(0, "cse1:k1:".length() + 20));

    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      assertThat(catchThrowableOfType(() -> contents(store, tampered), CorruptDataException.class)).isNotNull();
      assertThat(catchThrowableOfType(() -> contents(store, truncated), CorruptDataException.class)).isNotNull();
      assertThat(contents(store, fine)).containsExactly("f one", "f two");
      assertThat(store.listSessions(SessionQuery.of("owner")).items()).extracting(SessionSummary::id).contains(fine);
    }
    assertThat(Files.exists(file(tampered))).as("nothing is deleted").isTrue();
  }

  @Test
  void aMissingKeyIsNamedAndSessionsSealedWithTheNewKeyStillRead() throws IOException {
    String old;
    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      old = sessionWith(store, "sealed with k1");
    }
    String fresh;
    try (FileSessionStore store = TestKeys.builder(folder, "k2", "k1", "k2").open()) {
      fresh = sessionWith(store, "sealed with k2");
    }
    assertThat(Files.readString(file(fresh))).contains("cse1:k2:").doesNotContain("cse1:k1:");

    try (FileSessionStore store = TestKeys.builder(folder, "k2", "k2").open()) {
      MissingKeyException e = catchThrowableOfType(() -> store.getSession(old), MissingKeyException.class);
      assertThat(e).isNotNull();
      assertThat(e.keyId()).isEqualTo("k1");
      assertThat(e.getMessage()).contains(old);
      assertThat(contents(store, fresh)).containsExactly("sealed with k2");
      assertThat(store.listSessions(SessionQuery.of("owner")).items()).extracting(SessionSummary::id)
          .as("a listing leaves out what it cannot open, as it does an unreadable file").contains(fresh);
    }
  }

  @Test
  void aStoreOpenedWithoutEncryptionNamesTheKeyASealedSessionNeeds() {
    String id;
    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      id = sessionWith(store, "secret");
    }
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      MissingKeyException e = catchThrowableOfType(() -> contents(store, id), MissingKeyException.class);
      assertThat(e).isNotNull();
      assertThat(e.keyId()).isEqualTo("k1");
    }
  }

  @Test
  void aPlainStoreOpenedWithEncryptionReadsWhatItHeldAndSealsWhatItWrites() throws IOException {
    String id;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      id = sessionWith(store, "plain before");
    }
    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      store.append(id, NewMessage.user("sealed after"));
      assertThat(contents(store, id)).containsExactly("plain before", "sealed after");
    }
    String text = Files.readString(file(id));
    assertThat(text).contains("plain before").doesNotContain("sealed after").contains("cse1:k1:");
    try (FileSessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      assertThat(contents(store, id)).containsExactly("plain before", "sealed after");
    }
  }
}
