package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Part;
import dev.chatstore.TextPart;
import dev.chatstore.UnknownPart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newer version wrote into a session file survives this one: a line of an event it does not
 * know is read past and stays in the file (no write goes over it, not even after it is the last line),
 * fields it does not know are ignored, and parts of types or with fields it does not know come back
 * as they were, through a fork's copy too.
 */
class NewerVersionLinesTest {
  private static final String ANNOTATION =
      "{\"event\":\"session.annotated\",\"at\":\"2031-01-01T00:00:00Z\",\"note\":{\"by\":\"v3\",\"n\":[1,2]}}";

  @TempDir
  Path folder;

  private Path file(String id) {
    return folder.resolve("sessions").resolve(id + ".jsonl");
  }

  private static List<String> contents(FileSessionStore store, String id) {
    return store.messages(id, MessageQuery.earliest(100)).items().stream().map(Message::content).toList();
  }

  @Test
  void aLineOfAnUnknownEventIsReadPastAndKeptEvenWhenItIsTheLast() throws IOException {
    String id;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      id = store.createSession(NewSession.forOwner("owner").build()).id();
      store.append(id, NewMessage.user("one"));
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(file(id), StandardCharsets.UTF_8));
    lines.add(2, ANNOTATION);
    lines.add(ANNOTATION.replace("session.annotated", "message.reacted"));
    Files.write(file(id), lines, StandardCharsets.UTF_8);
    byte[] edited = Files.readAllBytes(file(id));
    Files.writeString(folder.resolve("index.stale"), "open\n"); // read the file again on open

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(contents(store, id)).containsExactly("one");
      assertThat(store.getSession(id).updatedAt()).as("a skipped line moves nothing")
          .isBefore(java.time.Instant.parse("2031-01-01T00:00:00Z"));
      store.append(id, NewMessage.user("two"));
    }
    byte[] after = Files.readAllBytes(file(id));
    assertThat(Arrays.copyOf(after, edited.length)).as("the newer lines are still there").isEqualTo(edited);
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(contents(store, id)).containsExactly("one", "two");
    }
  }

  @Test
  void unknownFieldsOfAKnownLineAreIgnored() throws IOException {
    String id;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      id = store.createSession(NewSession.forOwner("owner").build()).id();
      store.append(id, NewMessage.user("one"));
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(file(id), StandardCharsets.UTF_8));
    lines.set(2, lines.get(2).replace("\"content\":", "\"reactions\":[\"+1\"],\"content\":"));
    Files.write(file(id), lines, StandardCharsets.UTF_8);

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(contents(store, id)).containsExactly("one");
    }
  }

  @Test
  void partsOfANewerTypeOrWithNewerFieldsSurviveAReadAndAForksCopy() throws IOException {
    String id;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      id = store.createSession(NewSession.forOwner("owner").build()).id();
    }
    // the line a newer version writes for a message with a part type and a part field of its own
    String line = "{\"event\":\"message.appended\",\"at\":\"2031-01-01T00:00:00Z\",\"id\":\"m1\",\"seq\":1,"
        + "\"role\":\"ASSISTANT\",\"status\":\"COMPLETE\",\"createdAt\":\"2031-01-01T00:00:00Z\","
        + "\"updatedAt\":\"2031-01-01T00:00:00Z\",\"content\":\"Hi\",\"body\":{\"parts\":["
        + "{\"type\":\"text\",\"text\":\"Hi\",\"citations\":[{\"url\":\"https://example.org\"}]},"
        + "{\"type\":\"hologram\",\"frames\":24,\"data\":{\"z\":0.125}}],\"mood\":\"newer body field\"},"
        + "\"metadata\":{\"schemaVersion\":1}}";
    Files.writeString(file(id), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    List<Part> expected = List.of(
        new TextPart("Hi", Map.of("citations", "[{\"url\":\"https://example.org\"}]")),
        new UnknownPart("hologram", Map.of("frames", "24", "data", "{\"z\":0.125}")));

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      Message read = store.getMessage(id, "m1");
      assertThat(read.parts()).isEqualTo(expected);
      assertThat(read.content()).isEqualTo("Hi");
      ChatSession fork = store.fork(id, "m1", "copy");
      assertThat(store.recentMessages(fork.id(), 1).get(0).parts()).isEqualTo(expected);
    }
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      String forkId = store.listSessions(dev.chatstore.SessionQuery.of("owner")).items().stream()
          .filter(s -> s.title().equals("copy")).findFirst().orElseThrow().id();
      assertThat(store.recentMessages(forkId, 1).get(0).parts()).isEqualTo(expected);
      assertThat(Files.readString(file(forkId), StandardCharsets.UTF_8))
          .contains("{\"data\":{\"z\":0.125},\"frames\":24,\"type\":\"hologram\"}");
    }
  }
}
