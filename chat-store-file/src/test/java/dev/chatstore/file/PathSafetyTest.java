package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatstore.InvalidInputException;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StreamOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No id reaches outside the store folder: hostile ids are refused by every public method before
 * any path is made, and ids that are odd but valid stay files inside {@code sessions/}.
 */
class PathSafetyTest {
  private static final List<String> HOSTILE = List.of("../../etc/passwd", "..", ".", "../x", "a/b", "a\\b",
      "/etc/passwd", "C:\\Windows\\system32", "C:", "\u0000", "a\u0000b", "x/../../y", ".hidden", "..jsonl",
      "CON", "nul", "COM1.jsonl", "lpt9", "a b", "%2e%2e%2f", "x".repeat(129), "", " ");

  @TempDir
  Path parent;

  @Test
  void hostileIdsAreRefusedByEveryMethodAndNothingIsWrittenAnywhere() throws IOException {
    Path folder = parent.resolve("store");
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      String ok = store.createSession(NewSession.forOwner("owner").build()).id();
      String message = store.append(ok, NewMessage.user("x")).id();
      for (String bad : HOSTILE) {
        refused(() -> store.findSession(bad), "sessionId");
        refused(() -> store.getSession(bad), "sessionId");
        refused(() -> store.updateSession(bad, 1, SessionUpdate.title("t")), "sessionId");
        refused(() -> store.deleteSession(bad), "sessionId");
        refused(() -> store.restoreSession(bad), "sessionId");
        refused(() -> store.purgeSession(bad), "sessionId");
        refused(() -> store.append(bad, NewMessage.user("x")), "sessionId");
        refused(() -> store.appendAll(bad, List.of(NewMessage.user("x"))), "sessionId");
        refused(() -> store.findMessage(bad, message), "sessionId");
        refused(() -> store.findMessage(ok, bad), "messageId");
        refused(() -> store.messages(bad, MessageQuery.latest(1)), "sessionId");
        refused(() -> store.updateMessage(bad, message, MessageUpdate.status(MessageStatus.ERROR)), "sessionId");
        refused(() -> store.updateMessage(ok, bad, MessageUpdate.status(MessageStatus.ERROR)), "messageId");
        refused(() -> store.toolExecutions(bad), "sessionId");
        refused(() -> store.openStream(bad, Role.ASSISTANT), "sessionId");
        refused(() -> store.fork(bad, message, "t"), "sessionId");
        refused(() -> store.fork(ok, bad, "t"), "upToMessageId");
        refused(() -> NewSession.forOwner("owner").id(bad), "id");
        refused(() -> NewMessage.builder(Role.USER).id(bad), "id");
        refused(() -> StreamOptions.assistant().withMessageId(bad), "messageId");
      }
      assertThat(store.listSessions(SessionQuery.of("owner")).items()).hasSize(1);
    }
    try (Stream<Path> outside = Files.list(parent)) {
      assertThat(outside).containsExactly(folder);
    }
    try (Stream<Path> inside = Files.list(folder.resolve("sessions"))) {
      assertThat(inside).hasSize(1);
    }
  }

  @Test
  void oddButValidIdsStayPlainFilesInsideTheSessionsFolder() throws IOException {
    Path folder = parent.resolve("store");
    List<String> odd = List.of("a..b", "a.jsonl", "index", "sessions", "x.", "-", "_", "CONSOLE", "com10",
        "x".repeat(128));
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      for (String id : odd) {
        store.createSession(NewSession.forOwner("owner").id(id).build());
        store.append(id, NewMessage.builder(Role.USER).id(id).content(id).build());
      }
    }
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      for (String id : odd) {
        assertThat(store.getMessage(id, id).content()).isEqualTo(id);
        assertThat(folder.resolve("sessions").resolve(id + ".jsonl")).isRegularFile();
      }
    }
    try (Stream<Path> outside = Files.list(parent)) {
      assertThat(outside).containsExactly(folder);
    }
  }

  private static void refused(ThrowingCallable call, String field) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, call);
    assertThat(e).as("refused").isNotNull();
    assertThat(e.field()).isEqualTo(field);
  }
}
