package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session index: what listing reads instead of the session files, rebuilt from them when it is
 * missing, damaged or stale, and never trusted over a file the store has actually read.
 */
class SessionIndexTest {
  @TempDir
  Path folder;

  private Path file(String sessionId) {
    return folder.resolve("sessions").resolve(sessionId + ".jsonl");
  }

  private List<SessionSummary> list(FileSessionStore store) {
    return store.listSessions(SessionQuery.forOwner("owner").includeDeleted(true).build()).items();
  }

  /** Three sessions with messages, one deleted; returns the listing before closing. */
  private List<SessionSummary> populate() {
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      for (int i = 0; i < 3; i++) {
        String id = store.createSession(NewSession.forOwner("owner").project("p").title("chat " + i).build()).id();
        for (int m = 0; m <= i; m++) {
          store.append(id, NewMessage.user("message " + m + " of chat " + i));
        }
        if (i == 1) {
          store.deleteSession(id);
        }
      }
      return list(store);
    }
  }

  @Test
  void aDeletedIndexIsRebuiltFromTheSessionFiles() throws IOException {
    List<SessionSummary> before = populate();
    Files.delete(folder.resolve("index.jsonl"));

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(list(store)).isEqualTo(before);
    }
    assertThat(folder.resolve("index.jsonl")).exists();
  }

  @Test
  void aDamagedIndexIsRebuiltToo() throws IOException {
    List<SessionSummary> before = populate();
    Files.writeString(folder.resolve("index.jsonl"), "{\"format\":\"chat-store-index\",\"version\":1,\"sessions");

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(list(store)).isEqualTo(before);
    }
  }

  @Test
  void anIndexLeftBehindByACrashIsCheckedAgainstTheFiles() throws IOException {
    String id;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      id = store.createSession(NewSession.forOwner("owner").title("grows").build()).id();
      store.append(id, NewMessage.user("one"));
    }
    Path old = folder.resolve("old-index");
    Files.copy(folder.resolve("index.jsonl"), old);
    List<SessionSummary> after;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      store.append(id, NewMessage.user("two"));
      store.append(id, NewMessage.user("three"));
      after = list(store);
    }
    // what a crash leaves: the index of the previous close, and the open store's marker
    Files.copy(old, folder.resolve("index.jsonl"), StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(folder.resolve("index.stale"), "open\n");

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(list(store)).isEqualTo(after);
      assertThat(list(store).get(0).messageCount()).isEqualTo(3);
      assertThat(list(store).get(0).preview()).isEqualTo("three");
    }
    assertThat(folder.resolve("index.stale")).doesNotExist();
  }

  @Test
  void sessionFilesAddedOrRemovedWhileClosedAreNoticed() throws IOException {
    populate();
    String restored;
    try (FileSessionStore other = FileSessionStore.open(folder.resolve("elsewhere"))) {
      restored = other.createSession(NewSession.forOwner("owner").title("from a backup").build()).id();
      other.append(restored, NewMessage.user("restored message"));
    }
    Files.copy(folder.resolve("elsewhere").resolve("sessions").resolve(restored + ".jsonl"), file(restored));
    List<SessionSummary> before;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      before = list(store);
      assertThat(before).extracting(SessionSummary::title).contains("from a backup");
    }
    String removed = before.stream().filter(s -> s.title().equals("chat 0")).findFirst().orElseThrow().id();
    Files.delete(file(removed));

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(list(store)).extracting(SessionSummary::id).doesNotContain(removed).contains(restored);
      assertThat(store.findSession(removed)).isEmpty();
    }
  }

  @Test
  void openingWithACleanIndexReadsNoSessionFile() throws IOException {
    List<SessionSummary> before = populate();
    // Overwrite every session file in place with garbage of the same size: only a store that reads
    // them could notice. (Writing in place leaves the folder's modified time as it was.)
    for (SessionSummary s : before) {
      long size = Files.size(file(s.id()));
      Files.write(file(s.id()), "x".repeat((int) size).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
          StandardOpenOption.WRITE);
    }

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(list(store)).isEqualTo(before);
    }
  }

  @Test
  void aSessionEditedByHandWhileClosedIsCorrectedWhenItIsRead() throws IOException {
    String id;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      id = store.createSession(NewSession.forOwner("owner").title("t").build()).id();
      store.append(id, NewMessage.user("one"));
      store.append(id, NewMessage.user("two"));
    }
    // another tool appends a line the way the format documents it
    List<String> lines = Files.readAllLines(file(id));
    String copy = lines.get(lines.size() - 1).replace("\"seq\":2", "\"seq\":3").replace("\"two\"", "\"three\"");
    String newId = java.util.UUID.randomUUID().toString();
    copy = copy.replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"" + newId + "\"");
    Files.writeString(file(id), copy + "\n", StandardOpenOption.APPEND);

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(list(store).get(0).messageCount()).as("the index, until the file is read").isEqualTo(2);
      assertThat(store.getSession(id).messageCount()).isEqualTo(3);
      assertThat(list(store).get(0).messageCount()).isEqualTo(3);
      assertThat(list(store).get(0).preview()).isEqualTo("three");
    }
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(list(store).get(0).messageCount()).as("and the index is written again on close").isEqualTo(3);
    }
  }
}
