package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversation keys in the file store: written in the session's file and in the index, never in a
 * file name; found from memory after any kind of open (a clean index, an index a crash left stale, an
 * index an earlier release wrote, no index); unique per owner across reopens until purged.
 */
class ConversationKeysTest {
  /** Text that would do harm as a path, in SQL or in a LIKE pattern, and the longest key there is. */
  private static final List<String> HOSTILE = List.of("../x", "../../etc/passwd", "'; DROP TABLE sessions; --", "%_",
      "\u0000", "a\u0000b", "\uD83D\uDE00 emoji", "CON", "nul", "a/b\\c", "C:\\Windows", ".", "..", "index.jsonl",
      ".lock", "sessions", "line\nbreak", "\"quoted\"", "k".repeat(NewSession.MAX_KEY_LENGTH));

  @TempDir
  Path parent;

  private Path folder() {
    return parent.resolve("store");
  }

  private Path sessions() {
    return folder().resolve("sessions");
  }

  /** Sessions of owner "owner" under each hostile key (and one under another owner), closed; key → id. */
  private Map<String, String> createHostile() {
    Map<String, String> ids = new LinkedHashMap<>();
    try (FileSessionStore store = FileSessionStore.open(folder())) {
      for (String key : HOSTILE) {
        ChatSession s = store.createSession(NewSession.forOwner("owner").title("t").key(key).build());
        store.append(s.id(), NewMessage.user("under " + key));
        ids.put(key, s.id());
      }
      store.createSession(NewSession.forOwner("other").key("../x").build());
    }
    return ids;
  }

  private void assertFoundByKey(FileSessionStore store, Map<String, String> ids) {
    for (Map.Entry<String, String> e : ids.entrySet()) {
      ChatSession found = store.findSessionByKey("owner", e.getKey()).orElseThrow();
      assertThat(found.id()).isEqualTo(e.getValue());
      assertThat(found.key()).contains(e.getKey());
    }
  }

  @Test
  void hostileKeysAreContentOnlyNeverAFileName() throws IOException {
    Map<String, String> ids = createHostile();

    try (Stream<Path> outside = Files.list(parent)) {
      assertThat(outside).containsExactly(folder());
    }
    try (Stream<Path> top = Files.list(folder())) {
      assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(".lock", "index.jsonl",
          "sessions");
    }
    List<String> names;
    try (Stream<Path> files = Files.list(sessions())) {
      names = files.map(p -> p.getFileName().toString()).toList();
    }
    assertThat(names).hasSize(HOSTILE.size() + 1).allSatisfy(name -> assertThat(name).endsWith(".jsonl"));
    for (String id : ids.values()) {
      assertThat(names).contains(id + ".jsonl");
    }
    for (Path file : List.of(sessions().resolve(ids.get("../x") + ".jsonl"), folder().resolve("index.jsonl"))) {
      assertThat(Files.readString(file, StandardCharsets.UTF_8)).as("the key is JSON text inside %s", file)
          .contains("\"key\":\"../x\"");
    }

    try (FileSessionStore store = FileSessionStore.open(folder())) {
      assertFoundByKey(store, ids);
      assertThat(store.findSessionByKey("other", "../x").orElseThrow().id()).isNotEqualTo(ids.get("../x"));
      assertThat(store.findSessionByKey("owner", "../X")).as("exact match").isEmpty();
      assertThat(store.findSessionByKey("nobody", "../x")).isEmpty();
      List<SessionSummary> listed = store.listSessions(SessionQuery.forOwner("owner").limit(100).build()).items();
      assertThat(listed).extracting(s -> s.key().orElseThrow()).containsExactlyInAnyOrderElementsOf(HOSTILE);
    }
  }

  @Test
  void aKeyStaysTakenAcrossAReopenUntilPurged() {
    String id;
    try (FileSessionStore store = FileSessionStore.open(folder())) {
      id = store.createSession(NewSession.forOwner("owner").key("support").build()).id();
      store.deleteSession(id);
    }
    try (FileSessionStore store = FileSessionStore.open(folder())) {
      assertDuplicateRefused(store, "support");
      assertThat(store.findSessionByKey("owner", "support").orElseThrow().isDeleted()).isTrue();
      store.purgeSession(id);
      assertThat(store.findSessionByKey("owner", "support")).isEmpty();
    }
    try (FileSessionStore store = FileSessionStore.open(folder())) {
      assertThat(store.findSessionByKey("owner", "support")).isEmpty();
      String again = store.createSession(NewSession.forOwner("owner").key("support").build()).id();
      assertThat(store.findSessionByKey("owner", "support").orElseThrow().id()).isEqualTo(again);
    }
  }

  @Test
  void aDuplicateKeyWritesNothing() throws IOException {
    try (FileSessionStore store = FileSessionStore.open(folder())) {
      store.createSession(NewSession.forOwner("owner").key("k").build());
    }
    List<Path> before = sessionFiles();
    try (FileSessionStore store = FileSessionStore.open(folder())) {
      assertDuplicateRefused(store, "k");
      ConflictException e = catchThrowableOfType(ConflictException.class,
          () -> store.createSession(NewSession.forOwner("owner").id("chosen").key("k").build()));
      assertThat(e.reason()).isEqualTo(ConflictException.Reason.ALREADY_EXISTS);
      assertThat(store.findSession("chosen")).as("its id was not kept either").isEmpty();
      assertThat(sessionFiles()).isEqualTo(before);
      store.createSession(NewSession.forOwner("owner").id("chosen").key("k2").build());
    }
  }

  @Test
  void anIndexLeftStaleByACrashStillKnowsEveryKey() throws IOException {
    Path old = parent.resolve("index-before");
    try (FileSessionStore store = FileSessionStore.open(folder())) {
      store.createSession(NewSession.forOwner("owner").key("first").build());
    }
    Files.copy(folder().resolve("index.jsonl"), old);
    String second;
    try (FileSessionStore store = FileSessionStore.open(folder())) {
      second = store.createSession(NewSession.forOwner("owner").key("second").build()).id();
    }
    // what a crash leaves: the index of the close before, and the open store's marker
    Files.copy(old, folder().resolve("index.jsonl"), StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(folder().resolve("index.stale"), "open\n");

    try (FileSessionStore store = FileSessionStore.open(folder())) {
      assertThat(store.findSessionByKey("owner", "second").orElseThrow().id()).isEqualTo(second);
      assertThat(store.findSessionByKey("owner", "first")).isPresent();
      assertDuplicateRefused(store, "second");
    }
  }

  @Test
  void withoutAnIndexTheKeysAreReadFromTheSessionFiles() throws IOException {
    Map<String, String> ids = createHostile();
    Files.delete(folder().resolve("index.jsonl"));

    try (FileSessionStore store = FileSessionStore.open(folder())) {
      assertFoundByKey(store, ids);
      assertDuplicateRefused(store, "%_");
    }
  }

  @Test
  void anIndexAnEarlierReleaseWroteIsNotTrustedForKeys() throws IOException {
    Map<String, String> ids = createHostile();
    // what the first release leaves after opening this folder: its own index, the same sizes, no keys
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(folder().resolve("index.jsonl"), StandardCharsets.UTF_8)) {
      lines.add(line.replace("\"version\":2", "\"version\":1").replaceAll(",\"key\":\"(\\\\.|[^\"\\\\])*\"", ""));
    }
    assertThat(String.join("\n", lines)).doesNotContain("\"key\"");
    Files.write(folder().resolve("index.jsonl"), lines, StandardCharsets.UTF_8);

    try (FileSessionStore store = FileSessionStore.open(folder())) {
      assertFoundByKey(store, ids);
    }
  }

  @Test
  void aForkHasNoKeyAndSummariesCarryKeyAndCreationTime() {
    try (FileSessionStore store = FileSessionStore.open(folder())) {
      ChatSession source = store.createSession(NewSession.forOwner("owner").title("source").key("k").build());
      String message = store.append(source.id(), NewMessage.user("hi")).id();
      ChatSession fork = store.fork(source.id(), message, "fork");
      assertThat(fork.key()).isEmpty();
      assertThat(store.findSessionByKey("owner", "k").orElseThrow().id()).isEqualTo(source.id());
    }
    try (FileSessionStore store = FileSessionStore.open(folder())) {
      List<SessionSummary> listed = store.listSessions(SessionQuery.of("owner")).items();
      SessionSummary source = listed.stream().filter(s -> s.title().equals("source")).findFirst().orElseThrow();
      SessionSummary fork = listed.stream().filter(s -> s.title().equals("fork")).findFirst().orElseThrow();
      assertThat(source.key()).contains("k");
      assertThat(fork.key()).isEmpty();
      assertThat(source.createdAt()).isEqualTo(store.getSession(source.id()).createdAt());
      assertThat(fork.createdAt()).isEqualTo(store.getSession(fork.id()).createdAt());
    }
  }

  private static void assertDuplicateRefused(FileSessionStore store, String key) {
    ConflictException e = catchThrowableOfType(ConflictException.class,
        () -> store.createSession(NewSession.forOwner("owner").key(key).build()));
    assertThat(e).as("a second session of the owner with key %s", key).isNotNull();
    assertThat(e.reason()).isEqualTo(ConflictException.Reason.ALREADY_EXISTS);
  }

  private List<Path> sessionFiles() throws IOException {
    try (Stream<Path> files = Files.list(sessions())) {
      return files.sorted().toList();
    }
  }
}
