package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.chatstore.CorruptDataException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.crypto.KeyRotation;
import dev.chatstore.transfer.ExportFormat;
import dev.chatstore.transfer.SessionExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On an encrypting store, a message's line whose sealed value does not open damages that message only,
 * as a damaged row value does on a JDBC store: the session loads and lists, the message keeps its place
 * (seqs, counts, cursors and later appends stay right), what reads it throws
 * {@link CorruptDataException} naming the file, the line and the message, search passes over it, and a
 * key rotation stops at it rather than drop it or copy it as it is. A session's own line that does not
 * open still fails the whole session.
 */
class DamagedMessageLineTest {
  private static final Pattern SEALED = Pattern.compile("\"sealed\":\"([^\"]+)\"");

  @TempDir
  Path folder;

  @Test
  void aDamagedMessageFailsOnlyWhatReadsIt() throws IOException {
    String session;
    List<String> ids = new ArrayList<>();
    try (FileSessionStore store = open()) {
      session = store.createSession(NewSession.forOwner("owner-1").title("six").build()).id();
      for (int i = 1; i <= 6; i++) {
        ids.add(store.append(session, NewMessage.user("message " + i)).id());
      }
    }
    String damaged = ids.get(3);
    int line = flipLineOf(session, "message.appended", damaged);

    try (FileSessionStore store = open()) {
      assertThat(store.listSessions(SessionQuery.of("owner-1")).items())
          .extracting(SessionSummary::id, SessionSummary::messageCount).containsExactly(tuple(session, 6L));
      assertThat(store.getSession(session).title()).isEqualTo("six");
      assertThat(store.getSession(session).messageCount()).isEqualTo(6);

      Page<Message> first = store.messages(session, MessageQuery.earliest(3));
      assertThat(contents(first)).containsExactly("message 1", "message 2", "message 3");
      assertThat(contents(store.messages(session, MessageQuery.afterSeq(4, 10)))).containsExactly("message 5",
          "message 6");
      assertThat(contents(store.messages(session, MessageQuery.beforeSeq(4, 10)))).containsExactly("message 1",
          "message 2", "message 3");
      assertThat(store.getMessage(session, ids.get(4)).content()).isEqualTo("message 5");

      String where = session + ".jsonl line " + (line + 1);
      expectDamaged(where, damaged, () -> store.messages(session, MessageQuery.earliest(10)));
      expectDamaged(where, damaged, () -> store.messages(session, MessageQuery.from(first.nextCursor().get(), 3)));
      expectDamaged(where, damaged, () -> store.messages(session, MessageQuery.latest(3)));
      expectDamaged(where, damaged, () -> store.findMessage(session, damaged));
      expectDamaged(where, damaged, () -> store.messageRevisions(session, damaged));
      expectDamaged(where, damaged, () -> SessionExporter.of(store).exportToString(session, ExportFormat.JSONL));
      expectDamaged(where, damaged, () -> store.fork(session, ids.get(5)));
      String fork = store.fork(session, ids.get(2)).id();
      assertThat(contents(store.messages(fork, MessageQuery.earliest(10)))).as("a fork of what reads")
          .containsExactly("message 1", "message 2", "message 3");
      long before = Files.size(file(session));
      expectDamaged(where, damaged, () -> store.updateMessage(session, damaged,
          MessageUpdate.status(MessageStatus.ERROR)));
      assertThat(Files.size(file(session))).as("a refused update writes nothing").isEqualTo(before);

      assertThat(store.searchMessages("owner-1", "message", PageRequest.first(20)).items())
          .as("search passes over the damaged message").filteredOn(m -> m.sessionId().equals(session))
          .extracting(Message::content)
          .containsExactlyInAnyOrder("message 1", "message 2", "message 3", "message 5", "message 6");
      assertThat(store.listSessions(SessionQuery.forOwner("owner-1").text("message 6").build()).items())
          .extracting(SessionSummary::id).containsExactly(session);
      assertThat(store.listSessions(SessionQuery.forOwner("owner-1").text("message 4").build()).items())
          .as("nothing else in it says so").isEmpty();

      Message seventh = store.append(session, NewMessage.user("message 7"));
      assertThat(seventh.seq()).isEqualTo(7);
      assertThat(contents(store.messages(session, MessageQuery.afterSeq(4, 10)))).containsExactly("message 5",
          "message 6", "message 7");
    }
    try (FileSessionStore store = open()) {
      assertThat(contents(store.messages(session, MessageQuery.afterSeq(4, 10)))).as("after reopening")
          .containsExactly("message 5", "message 6", "message 7");
      expectDamaged(session + ".jsonl line " + (line + 1), damaged, () -> store.messages(session,
          MessageQuery.earliest(10)));
    }
  }

  @Test
  void aDamagedFlushOfAFinishedStreamDamagesThatMessageOnly() throws IOException {
    String session;
    String streamed;
    try (FileSessionStore store = open()) {
      session = store.createSession(NewSession.forOwner("owner-1").title("streamed").build()).id();
      store.append(session, NewMessage.user("question"));
      try (MessageStream stream = store.openStream(session, Role.ASSISTANT)) {
        stream.append("first part");
        stream.flush();
        stream.append(" second part");
        stream.flush();
        streamed = stream.complete().id();
      }
      store.append(session, NewMessage.user("thanks"));
    }
    int line = flipLineOf(session, "stream.flushed", streamed);

    try (FileSessionStore store = open()) {
      assertThat(store.listSessions(SessionQuery.of("owner-1")).items()).extracting(SessionSummary::messageCount)
          .containsExactly(3L);
      assertThat(contents(store.messages(session, MessageQuery.earliest(1)))).containsExactly("question");
      assertThat(contents(store.messages(session, MessageQuery.afterSeq(2, 10)))).containsExactly("thanks");
      expectDamaged(session + ".jsonl line " + (line + 1), streamed,
          () -> store.messages(session, MessageQuery.earliest(10)));
      expectDamaged(session + ".jsonl line " + (line + 1), streamed, () -> store.toolExecutions(session));
      assertThat(store.append(session, NewMessage.user("again")).seq()).isEqualTo(4);
      assertThat(contents(store.messages(session, MessageQuery.afterSeq(2, 10)))).containsExactly("thanks", "again");
    }
  }

  @Test
  void aDamagedLineInABatchDamagesThatMessageOnly() throws IOException {
    String session;
    List<Message> batch;
    try (FileSessionStore store = open()) {
      session = store.createSession(NewSession.forOwner("owner-1").title("batch").build()).id();
      batch = store.appendAll(session, List.of(NewMessage.user("one"), NewMessage.assistant("two"),
          NewMessage.user("three")));
    }
    flipLineOf(session, "message.appended", batch.get(1).id());

    try (FileSessionStore store = open()) {
      assertThat(store.getMessage(session, batch.get(0).id()).content()).isEqualTo("one");
      assertThat(store.getMessage(session, batch.get(2).id()).content()).isEqualTo("three");
      expectDamaged(session + ".jsonl", batch.get(1).id(), () -> store.getMessage(session, batch.get(1).id()));
    }
  }

  @Test
  void theLastMessageDamagedLeavesTheSessionWithoutAPreview() throws IOException {
    String session;
    String last;
    try (FileSessionStore store = open()) {
      session = store.createSession(NewSession.forOwner("owner-1").title("preview").build()).id();
      store.append(session, NewMessage.user("hello"));
      last = store.append(session, NewMessage.assistant("secret answer")).id();
    }
    flipLineOf(session, "message.appended", last);
    Files.delete(folder.resolve("index.jsonl")); // listed from the file, not from the index's copy

    try (FileSessionStore store = open()) {
      assertThat(store.listSessions(SessionQuery.of("owner-1")).items())
          .extracting(SessionSummary::id, SessionSummary::preview).containsExactly(tuple(session, ""));
    }
  }

  @Test
  void aRotationStopsAtTheDamagedMessageAndLeavesTheFileAsItWas() throws IOException {
    String session;
    List<String> ids = new ArrayList<>();
    try (FileSessionStore store = open()) {
      session = store.createSession(NewSession.forOwner("owner-1").title("rotate").build()).id();
      for (int i = 1; i <= 6; i++) {
        ids.add(store.append(session, NewMessage.user("message " + i)).id());
      }
    }
    int line = flipLineOf(session, "message.appended", ids.get(2));
    byte[] damagedFile = Files.readAllBytes(file(session));

    try (FileSessionStore store = TestKeys.builder(folder, "k2", "k1", "k2").open()) {
      KeyRotation rotation = store.keyRotation(10);
      CorruptDataException e = catchThrowableOfType(CorruptDataException.class, rotation::rotateBatch);
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).contains(session + ".jsonl line " + (line + 1)).contains(ids.get(2))
          .contains("key rotation cannot seal");
      assertThat(rotation.progress().done()).as("not done while the damaged line is there").isFalse();
      assertThat(Files.readAllBytes(file(session))).isEqualTo(damagedFile);
      assertThat(contents(store.messages(session, MessageQuery.afterSeq(3, 10)))).containsExactly("message 4",
          "message 5", "message 6");
    }
  }

  @Test
  void aDamagedLineKeepsARotationToTheSameKeyFromSayingDone() throws IOException {
    String session;
    String damaged;
    try (FileSessionStore store = open()) {
      session = store.createSession(NewSession.forOwner("owner-1").title("same key").build()).id();
      store.append(session, NewMessage.user("hello"));
      damaged = store.append(session, NewMessage.user("world")).id();
    }
    flipLineOf(session, "message.appended", damaged);

    try (FileSessionStore store = open()) {
      store.getSession(session); // read: the store now knows the line does not open
      KeyRotation rotation = store.keyRotation(10);
      assertThat(rotation.progress().done()).as("every other line is sealed with the current key").isFalse();
      expectDamaged(session + ".jsonl", damaged, rotation::rotateBatch);
    }
    try (FileSessionStore store = open()) {
      assertThat(store.keyRotation(10).progress().done()).as("the index remembers it").isFalse();
    }
  }

  @Test
  void aDamagedSessionCreatedLineStillFailsTheSession() throws IOException {
    String session;
    try (FileSessionStore store = open()) {
      session = store.createSession(NewSession.forOwner("owner-1").title("whole").build()).id();
      store.append(session, NewMessage.user("hello"));
    }
    List<String> lines = Files.readAllLines(file(session));
    lines.set(1, flipped(lines.get(1)));
    Files.write(file(session), lines);

    try (FileSessionStore store = open()) {
      CorruptDataException e = catchThrowableOfType(CorruptDataException.class, () -> store.getSession(session));
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).contains(session + ".jsonl line 2").contains("does not authenticate");
      assertThat(catchThrowableOfType(CorruptDataException.class,
          () -> store.messages(session, MessageQuery.earliest(10)))).isNotNull();
      assertThat(store.listSessions(SessionQuery.of("owner-1")).items()).as("left out once read").isEmpty();
    }
  }

  private FileSessionStore open() {
    return TestKeys.builder(folder, "k1", "k1").open();
  }

  private static void expectDamaged(String where, String messageId, ThrowingCallable read) {
    CorruptDataException e = catchThrowableOfType(CorruptDataException.class, read);
    assertThat(e).as("reading message %s", messageId).isNotNull();
    assertThat(e.getMessage()).contains(where).contains(messageId);
  }

  /** Flips one base64 character in the middle of the sealed value of the message's line of {@code event}. */
  private int flipLineOf(String session, String event, String messageId) throws IOException {
    List<String> lines = Files.readAllLines(file(session));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.contains("\"event\":\"" + event + "\"") && line.contains("\"id\":\"" + messageId + "\"")) {
        lines.set(i, flipped(line));
        Files.write(file(session), lines);
        return i;
      }
    }
    throw new AssertionError("no " + event + " line of " + messageId + " in " + lines);
  }

  private static String flipped(String line) {
    Matcher m = SEALED.matcher(line);
    assertThat(m.find()).as("a sealed value in %s", line).isTrue();
    int at = m.start(1) + (m.end(1) - m.start(1)) / 2;
    char flipped = line.charAt(at) == 'A' ? 'B' : 'A';
    return line.substring(0, at) + flipped + line.substring(at + 1);
  }

  private Path file(String session) {
    return folder.resolve("sessions").resolve(session + ".jsonl");
  }

  private static List<String> contents(Page<Message> page) {
    return page.items().stream().map(Message::content).toList();
  }
}
