package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatstore.CorruptDataException;
import dev.chatstore.Message;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.testkit.fixtures.SteppingClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revisions as the session file holds them (README, {@code message.revised}): each one line appended
 * after everything before it, which stays byte for byte as it was apart from the header's number,
 * raised to 2 in place; revision 1 is the message's own lines. They read back after a reopen, past a
 * torn tail and past lines of a newer version, and a line out of order is reported, not guessed at.
 */
class RevisionLinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEADER_1 = "{\"format\":\"chat-store-session\",\"version\":1}";
  private static final String HEADER_2 = "{\"format\":\"chat-store-session\",\"version\":2}";
  private static final String NEWER_LINE =
      "{\"event\":\"message.reacted\",\"at\":\"2031-01-01T00:00:00Z\",\"id\":\"m2\",\"emoji\":\"+1\"}";

  @TempDir
  Path folder;

  private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T10:00:00.000001Z"),
      Duration.ofMillis(1500));

  private FileSessionStore open() {
    return FileSessionStore.builder(folder).clock(clock).open();
  }

  private Path file() {
    return folder.resolve("sessions").resolve("s.jsonl");
  }

  private List<String> lines() throws IOException {
    return Files.readAllLines(file(), StandardCharsets.UTF_8);
  }

  private static List<Integer> numbers(List<MessageRevision> revisions) {
    return revisions.stream().map(MessageRevision::number).toList();
  }

  /** A closed store holding session "s": a user question "m1" and a plain answer "m2". */
  private void questionAndAnswer() {
    try (FileSessionStore store = open()) {
      store.createSession(NewSession.forOwner("me").id("s").title("T").build());
      store.append("s", NewMessage.builder(Role.USER).id("m1").content("Capital of Australia?").build());
      store.append("s", NewMessage.builder(Role.ASSISTANT).id("m2").content("Sydney.").build());
    }
  }

  private void revise(String text) {
    try (FileSessionStore store = open()) {
      store.updateMessage("s", "m2", MessageUpdate.content(text));
    }
  }

  @Test
  void aRevisionIsOneLineAppendedAndRaisesTheHeaderInPlace() throws IOException {
    questionAndAnswer();
    byte[] before = Files.readAllBytes(file());
    Message second;
    Message third;
    MessageMetadata model = MessageMetadata.builder().model("m-2").build();
    try (FileSessionStore store = open()) {
      second = store.updateMessage("s", "m2", MessageUpdate.content("Canberra.").by("editor").withMetadata(model));
      third = store.updateMessage("s", "m2", MessageUpdate.content("Canberra, since 1913."));
    }

    byte[] after = Files.readAllBytes(file());
    byte[] expected = before.clone();
    expected[HEADER_1.indexOf('1')] = '2';
    assertThat(Arrays.copyOf(after, before.length)).isEqualTo(expected);
    List<String> lines = lines();
    assertThat(lines.get(0)).isEqualTo(HEADER_2);
    assertThat(lines).hasSize(6);
    JsonNode revised = JSON.readTree(lines.get(4));
    assertThat(revised.get("event").asText()).isEqualTo("message.revised");
    assertThat(revised.get("id").asText()).isEqualTo("m2");
    assertThat(revised.get("revision").asInt()).isEqualTo(2);
    assertThat(revised.get("revisedAt").asText()).isEqualTo(second.updatedAt().toString());
    assertThat(revised.get("author").asText()).isEqualTo("editor");
    assertThat(revised.get("parts").toString()).isEqualTo("[{\"text\":\"Canberra.\",\"type\":\"text\"}]");
    assertThat(revised.get("metadata").get("model").asText()).isEqualTo("m-2");
    JsonNode plain = JSON.readTree(lines.get(5));
    assertThat(plain.get("revision").asInt()).isEqualTo(3);
    assertThat(plain.has("author")).isFalse();
    assertThat(plain.has("metadata")).as("the metadata stays as revision 2 set it").isFalse();

    try (FileSessionStore store = open()) {
      assertThat(store.getMessage("s", "m2")).isEqualTo(third);
      assertThat(third.metadata().model()).contains("m-2");
      List<MessageRevision> history = store.messageRevisions("s", "m2");
      assertThat(numbers(history)).containsExactly(1, 2, 3);
      assertThat(history).extracting(MessageRevision::content)
          .containsExactly("Sydney.", "Canberra.", "Canberra, since 1913.");
      assertThat(history.get(1).author()).contains("editor");
      assertThat(history.get(2).at()).isEqualTo(third.updatedAt());
    }
  }

  @Test
  void revisionsSurviveATornTailAfterTheirLine() throws IOException {
    questionAndAnswer();
    revise("Canberra.");
    String torn = "{\"event\":\"message.revised\",\"at\":\"2026-12-01T11:00:00Z\",\"id\":\"m2\",\"revis";
    Files.writeString(file(), torn, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    try (FileSessionStore store = open()) {
      assertThat(store.getMessage("s", "m2").content()).isEqualTo("Canberra.");
      assertThat(numbers(store.messageRevisions("s", "m2"))).containsExactly(1, 2);
      assertThat(store.updateMessage("s", "m2", MessageUpdate.content("Canberra!")).revision()).isEqualTo(3);
    }

    assertThat(Files.readString(file(), StandardCharsets.UTF_8)).doesNotContain(torn).endsWith("\n");
    assertThat(Files.readString(folder.resolve("sessions").resolve("s.jsonl.torn"))).contains(torn);
    try (FileSessionStore store = open()) {
      assertThat(store.messageRevisions("s", "m2")).extracting(MessageRevision::content)
          .containsExactly("Sydney.", "Canberra.", "Canberra!");
    }
  }

  @Test
  void aRevisionLineCutShortWasNeverAcknowledgedAndTheMessageIsAsBefore() throws IOException {
    questionAndAnswer();
    revise("Canberra.");
    String whole = Files.readString(file(), StandardCharsets.UTF_8);
    Files.writeString(file(), whole.substring(0, whole.length() - 20), StandardCharsets.UTF_8);

    try (FileSessionStore store = open()) {
      Message m = store.getMessage("s", "m2");
      assertThat(m.content()).isEqualTo("Sydney.");
      assertThat(m.revision()).isEqualTo(1);
      assertThat(store.messageRevisions("s", "m2")).hasSize(1);
      assertThat(store.updateMessage("s", "m2", MessageUpdate.content("Canberra?")).revision()).isEqualTo(2);
    }
    try (FileSessionStore store = open()) {
      assertThat(store.messageRevisions("s", "m2")).extracting(MessageRevision::content)
          .containsExactly("Sydney.", "Canberra?");
    }
  }

  @Test
  void aLineOfANewerVersionAmongRevisionLinesIsReadPastAndKept() throws IOException {
    questionAndAnswer();
    revise("Canberra.");
    revise("Canberra!");
    List<String> lines = new ArrayList<>(lines());
    lines.add(lines.size() - 1, NEWER_LINE);
    lines.add(NEWER_LINE.replace("+1", "heart"));
    Files.write(file(), lines, StandardCharsets.UTF_8);
    byte[] edited = Files.readAllBytes(file());
    Files.writeString(folder.resolve("index.stale"), "open\n"); // read the file again on open

    try (FileSessionStore store = open()) {
      assertThat(store.messageRevisions("s", "m2")).extracting(MessageRevision::content)
          .containsExactly("Sydney.", "Canberra.", "Canberra!");
      store.updateMessage("s", "m2", MessageUpdate.content("Canberra, ACT."));
    }

    assertThat(Arrays.copyOf(Files.readAllBytes(file()), edited.length)).isEqualTo(edited);
    try (FileSessionStore store = open()) {
      assertThat(store.getMessage("s", "m2").revision()).isEqualTo(4);
      assertThat(store.messageRevisions("s", "m2")).extracting(MessageRevision::content)
          .containsExactly("Sydney.", "Canberra.", "Canberra!", "Canberra, ACT.");
    }
  }

  @Test
  void aRevisionLineOutOfOrderIsReportedWithItsLine() throws IOException {
    questionAndAnswer();
    revise("Canberra.");
    revise("Canberra!");
    List<String> lines = new ArrayList<>(lines());
    lines.set(5, lines.get(5).replace("\"revision\":3", "\"revision\":4"));
    Files.write(file(), lines, StandardCharsets.UTF_8);
    Files.delete(folder.resolve("index.jsonl"));

    try (FileSessionStore store = open()) {
      CorruptDataException e = catchThrowableOfType(CorruptDataException.class,
          () -> store.messageRevisions("s", "m2"));
      assertThat(e.location()).endsWith("s.jsonl line 6");
      assertThat(e.getMessage()).contains("revision 4 where 3 comes next");
    }
    assertThat(lines()).as("nothing is changed").isEqualTo(lines);
  }

  @Test
  void theIndexPreviewFollowsTheLatestRevisionOfTheLastMessageAcrossReopens() throws IOException {
    questionAndAnswer();
    try (FileSessionStore store = open()) {
      store.updateMessage("s", "m1", MessageUpdate.content("Capital of New Zealand?"));
      assertThat(preview(store)).as("not the last message").isEqualTo("Sydney.");
      store.updateMessage("s", "m2", MessageUpdate.content("Canberra."));
    }
    try (FileSessionStore store = open()) {
      assertThat(preview(store)).as("from the index").isEqualTo("Canberra.");
    }
    Files.delete(folder.resolve("index.jsonl"));
    try (FileSessionStore store = open()) {
      assertThat(preview(store)).as("from the session file").isEqualTo("Canberra.");
    }
  }

  private static String preview(FileSessionStore store) {
    List<SessionSummary> items = store.listSessions(SessionQuery.of("me")).items();
    assertThat(items).hasSize(1);
    return items.get(0).preview();
  }

  @Test
  void aForkWritesTheLatestRevisionAsAPlainAppendedLine() throws IOException {
    questionAndAnswer();
    String forkId;
    try (FileSessionStore store = open()) {
      store.updateMessage("s", "m2", MessageUpdate.content("Canberra."));
      forkId = store.fork("s", "m2", "branch").id();
    }
    List<String> forkLines = Files.readAllLines(folder.resolve("sessions").resolve(forkId + ".jsonl"));
    assertThat(forkLines.get(0)).as("a plain text revision needs nothing of version 2").isEqualTo(HEADER_1);
    assertThat(forkLines).noneMatch(line -> line.contains("message.revised"));
    assertThat(JSON.readTree(forkLines.get(3)).get("content").asText()).isEqualTo("Canberra.");
    try (FileSessionStore store = open()) {
      Message copy = store.recentMessages(forkId, 1).get(0);
      assertThat(copy.content()).isEqualTo("Canberra.");
      assertThat(copy.revision()).isEqualTo(1);
    }
  }
}
