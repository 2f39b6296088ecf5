package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.CorruptDataException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session files damaged by hand the way a crash (torn tail) or something else (a bad line in the
 * middle) would leave them: the tail is ignored and set aside before the next write; damage in the
 * middle fails that session alone, naming the file and line, and nothing is deleted.
 */
class TornAndCorruptFilesTest {
  @TempDir
  Path folder;

  private Path file(String sessionId) {
    return folder.resolve("sessions").resolve(sessionId + ".jsonl");
  }

  /** A closed store with one session holding user messages "m1".."mN"; returns the session id. */
  private String sessionWith(int messages) {
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      String id = store.createSession(NewSession.forOwner("owner").title("t").build()).id();
      for (int i = 1; i <= messages; i++) {
        store.append(id, NewMessage.user("m" + i));
      }
      return id;
    }
  }

  private void appendBytes(Path file, String text) throws IOException {
    Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
  }

  private static List<String> contents(FileSessionStore store, String id) {
    return store.messages(id, MessageQuery.earliest(1000)).items().stream().map(Message::content).toList();
  }

  @Test
  void aTornLastLineIsIgnoredAndSetAsideBeforeTheNextAppend() throws IOException {
    String id = sessionWith(3);
    String torn = "{\"event\":\"message.appended\",\"at\":\"2030-01-01T00:00:00Z\",\"id\":\"half-writ";
    appendBytes(file(id), torn);

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(contents(store, id)).containsExactly("m1", "m2", "m3");
      assertThat(store.getSession(id).messageCount()).isEqualTo(3);
      assertThat(store.append(id, NewMessage.user("m4")).seq()).isEqualTo(4);
    }

    String written = Files.readString(file(id));
    assertThat(written).doesNotContain("half-writ").endsWith("\n");
    assertThat(Files.readString(folder.resolve("sessions").resolve(id + ".jsonl.torn"))).contains(torn);
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(contents(store, id)).containsExactly("m1", "m2", "m3", "m4");
    }
  }

  @Test
  void anUnparsableLastLineWithItsNewlineIsATornTailToo() throws IOException {
    String id = sessionWith(2);
    appendBytes(file(id), "\u0000\u0000\u0000 garbage }\n");

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(contents(store, id)).containsExactly("m1", "m2");
      store.append(id, NewMessage.user("m3"));
    }
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(contents(store, id)).containsExactly("m1", "m2", "m3");
    }
  }

  @Test
  void aCompleteLastLineWithoutItsNewlineWasNeverAcknowledgedAndIsIgnored() throws IOException {
    String id = sessionWith(2);
    List<String> lines = Files.readAllLines(file(id));
    String last = lines.get(lines.size() - 1);
    Files.writeString(file(id), String.join("\n", lines.subList(0, lines.size() - 1)) + "\n" + last);

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(contents(store, id)).containsExactly("m1");
      assertThat(store.append(id, NewMessage.user("again")).seq()).isEqualTo(2);
    }
  }

  @Test
  void aBatchCutShortIsDroppedWhole() throws IOException {
    String id;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      id = store.createSession(NewSession.forOwner("owner").build()).id();
      store.append(id, NewMessage.user("before"));
      store.appendAll(id, List.of(NewMessage.user("b1"), NewMessage.user("b2"), NewMessage.user("b3")));
    }
    List<String> lines = Files.readAllLines(file(id));
    assertThat(lines.get(lines.size() - 3)).contains("\"batch\":3");
    // the crash came after two of the batch's three lines were written
    Files.writeString(file(id), String.join("\n", lines.subList(0, lines.size() - 1)) + "\n");

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(contents(store, id)).containsExactly("before");
      assertThat(store.append(id, NewMessage.user("after")).seq()).isEqualTo(2);
    }
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(contents(store, id)).containsExactly("before", "after");
    }
  }

  @Test
  void damageInTheMiddleFailsThatSessionAloneNamingFileAndLine() throws IOException {
    String broken = sessionWith(5);
    String healthy;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      healthy = store.createSession(NewSession.forOwner("owner").title("healthy").build()).id();
      store.append(healthy, NewMessage.user("fine"));
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(file(broken)));
    lines.set(3, "{ this is not json");
    Files.write(file(broken), lines);
    byte[] damaged = Files.readAllBytes(file(broken));

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      CorruptDataException e = catchThrowableOfType(CorruptDataException.class, () -> store.findSession(broken));
      assertThat(e.location()).contains(broken + ".jsonl").endsWith("line 4");
      assertThat(e.getMessage()).contains("line 4");
      catchThrowableOfType(CorruptDataException.class, () -> store.messages(broken, MessageQuery.latest(5)));
      catchThrowableOfType(CorruptDataException.class, () -> store.append(broken, NewMessage.user("x")));

      assertThat(contents(store, healthy)).containsExactly("fine");
      assertThat(store.append(healthy, NewMessage.user("still fine")).seq()).isEqualTo(2);
      assertThat(store.listSessions(SessionQuery.of("owner")).items()).extracting(SessionSummary::id)
          .contains(healthy).doesNotContain(broken);
      assertThat(store.latestSession("owner").map(ChatSession::id)).contains(healthy);
    }
    assertThat(Files.readAllBytes(file(broken))).as("nothing is changed or deleted").isEqualTo(damaged);
  }

  @Test
  void aRebuiltIndexLeavesACorruptSessionOutButKeepsItsIdTaken() throws IOException {
    String broken = sessionWith(3);
    List<String> lines = new ArrayList<>(Files.readAllLines(file(broken)));
    lines.set(2, "[\"valid json, but not an event\"]");
    Files.write(file(broken), lines);
    Files.delete(folder.resolve("index.jsonl"));

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(store.listSessions(SessionQuery.forOwner("owner").includeDeleted(true).build()).items()).isEmpty();
      CorruptDataException e = catchThrowableOfType(CorruptDataException.class, () -> store.getSession(broken));
      assertThat(e.location()).endsWith("line 3");
      ConflictException taken = catchThrowableOfType(ConflictException.class,
          () -> store.createSession(NewSession.forOwner("owner").id(broken).build()));
      assertThat(taken.reason()).isEqualTo(ConflictException.Reason.ALREADY_EXISTS);
      store.purgeSession(broken); // the way to get rid of it through the API
      assertThat(store.findSession(broken)).isEmpty();
    }
    assertThat(Files.exists(file(broken))).isFalse();
  }

  @Test
  void eventsThatContradictTheFileAreCorruptionToo() throws IOException {
    String id = sessionWith(2);
    List<String> lines = new ArrayList<>(Files.readAllLines(file(id)));
    lines.set(2, lines.get(2).replace("\"seq\":1", "\"seq\":7")); // a seq that does not follow
    Files.write(file(id), lines);

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      CorruptDataException e = catchThrowableOfType(CorruptDataException.class, () -> store.getSession(id));
      assertThat(e.getMessage()).contains("line 3").contains("seq 7");
    }
  }

  @Test
  void aFileOfANewerFormatVersionIsRefusedNotMisread() throws IOException {
    String id = sessionWith(1);
    List<String> lines = new ArrayList<>(Files.readAllLines(file(id)));
    lines.set(0, "{\"format\":\"chat-store-session\",\"version\":4}"); // a later release's
    Files.write(file(id), lines);
    Files.delete(folder.resolve("index.jsonl"));

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      CorruptDataException e = catchThrowableOfType(CorruptDataException.class, () -> store.getSession(id));
      assertThat(e.getMessage()).contains("line 1").contains("version 4");
    }
  }

  @Test
  void aStreamInterruptedByATornTailResumesCleanly() throws IOException {
    String id;
    String messageId;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      id = store.createSession(NewSession.forOwner("owner").build()).id();
      var stream = store.openStream(id, Role.ASSISTANT);
      messageId = stream.messageId();
      stream.append("flushed");
      stream.flush();
      stream.append(" and finished").complete();
    }
    List<String> lines = Files.readAllLines(file(id));
    String finish = lines.get(lines.size() - 1);
    assertThat(finish).contains("\"event\":\"stream.finished\"");
    // the finish line was cut in the middle by a crash, which also left the open store's marker
    Files.writeString(file(id), String.join("\n", lines.subList(0, lines.size() - 1)) + "\n"
        + finish.substring(0, finish.length() / 2));
    Files.writeString(folder.resolve("index.stale"), "open since the crash\n");

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      Message recovered = store.getMessage(id, messageId);
      assertThat(recovered.content()).isEqualTo("flushed");
      assertThat(recovered.status()).isEqualTo(dev.chatstore.MessageStatus.INTERRUPTED);
    }
  }

  @Test
  void aSymbolicLinkInPlaceOfASessionFileIsNeverFollowed() throws IOException {
    String id = sessionWith(1);
    Path outside = folder.resolveSibling(folder.getFileName() + "-outside.jsonl");
    Files.move(file(id), outside);
    Files.createSymbolicLink(file(id), outside);
    Files.delete(folder.resolve("index.jsonl"));

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(store.findSession(id)).isEmpty();
      assertThat(store.listSessions(SessionQuery.of("owner")).items()).isEmpty();
    }
    Files.delete(outside);
  }
}
