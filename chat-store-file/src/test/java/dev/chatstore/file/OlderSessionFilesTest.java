package dev.chatstore.file;

import dev.chatstore.spi.MessageBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolExecution;
import dev.chatstore.ToolResult;
import dev.chatstore.metadata.MessageMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session file written before tool calls were written in ToolJson's shape still opens and reads
 * back exactly as it was written. The fixture ({@code fixtures/tool-name-spelling}) was written by
 * the file store of that time, which spelled a call's name {@code "toolName"}; lines the store
 * appends now spell it {@code "name"}, and one file may hold both. It is a format-version-1 file:
 * plain appends leave it at version 1, and the first append only version 2 holds raises its header
 * in place, leaving every older line as it was.
 */
class OlderSessionFilesTest {
  private static final String FIXTURE = "/fixtures/tool-name-spelling/sessions/trip.jsonl";
  private static final MessageMetadata NONE = MessageMetadata.empty();

  @TempDir
  Path folder;

  private Path file;
  private byte[] written;

  @BeforeEach
  void copyTheFixture() throws IOException {
    file = folder.resolve("sessions").resolve("trip.jsonl");
    Files.createDirectories(file.getParent());
    try (InputStream in = OlderSessionFilesTest.class.getResourceAsStream(FIXTURE)) {
      written = in.readAllBytes();
    }
    Files.write(file, written);
  }

  private static Instant at(int millis) {
    return Instant.parse("2026-11-21T09:00:00.000001Z").plusMillis(millis);
  }

  private static Message message(String id, long seq, Role role, String content, List<ToolCall> calls,
      Optional<ToolResult> result, Instant createdAt, Instant updatedAt) {
    return new Message(id, "trip", seq, role, MessageBody.plain(content).parts(), MessageStatus.COMPLETE, calls, result.stream().toList(), NONE, NewMessage.NO_ATTRIBUTES, Optional.empty(), createdAt, updatedAt);
  }

  /** What the fixture's writer was given, with the times its clock (one millisecond a call) gave. */
  private static List<Message> asWritten() {
    ToolCall search = new ToolCall("call_0", "search", "{\"q\":\"rome\"}");
    ToolCall paris = new ToolCall("call_0", "weather", "{\"city\":\"paris\"}");
    ToolCall rome = new ToolCall("call_1", "weather", "{\"city\":\"rome\"}");
    return List.of(
        message("m1", 1, Role.USER, "Weather in Rome and Paris?", List.of(), Optional.empty(), at(3), at(3)),
        message("m2", 2, Role.ASSISTANT, "Searching.", List.of(search), Optional.empty(), at(4), at(4)),
        message("m3", 3, Role.TOOL, "", List.of(),
            Optional.of(ToolResult.success("call_0", "search", "{\"hits\":1}")), at(5), at(5)),
        message("m4", 4, Role.ASSISTANT, "Now and Rome.", List.of(paris, rome), Optional.empty(), at(6), at(8)),
        message("m5", 5, Role.TOOL, "", List.of(),
            Optional.of(ToolResult.success("call_0", "weather", "{\"celsius\":12}")), at(9), at(9)),
        message("m6", 6, Role.TOOL, "", List.of(),
            Optional.of(ToolResult.failure("call_1", "weather", "{\"error\":\"timeout\"}")), at(9), at(9)));
  }

  @Test
  void theFixtureSpellsACallsNameTheOldWay() {
    String text = new String(written, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).contains("{\"id\":\"call_0\",\"toolName\":\"search\",\"arguments\":{\"q\":\"rome\"}}");
    assertThat(text).doesNotContain("\"name\"");
  }

  @Test
  void anOlderFileReadsBackAsItWasWritten() {
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      ChatSession session = store.findSession("trip").orElseThrow();
      assertThat(session.title()).isEqualTo("Trip");
      assertThat(session.messageCount()).isEqualTo(6);
      assertThat(store.messages("trip", MessageQuery.earliest(10)).items()).containsExactlyElementsOf(asWritten());

      List<ToolExecution> executions = store.toolExecutions("trip");
      assertThat(executions).extracting(e -> e.callMessageId() + " " + e.call().id() + " -> "
          + e.resultMessageId().orElse("none"))
          .containsExactly("m2 call_0 -> m3", "m4 call_0 -> m5", "m4 call_1 -> m6");
    }
  }

  @Test
  void newLinesSpellItNameAndTheFileReadsWithBothSpellings() throws IOException {
    ToolCall lookup = new ToolCall("call_2", "lookup", "{\"id\":7}");
    Message added;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      added = store.append("trip", NewMessage.builder(Role.ASSISTANT).content("One more.").toolCall(lookup).build());
    }

    byte[] now = Files.readAllBytes(file);
    assertThat(Arrays.copyOf(now, written.length)).as("the older lines are left as they were").isEqualTo(written);
    String appended = new String(now, written.length, now.length - written.length,
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(appended).contains("\"toolCalls\":[{\"arguments\":{\"id\":7},\"id\":\"call_2\",\"name\":\"lookup\"}]");

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      List<Message> all = store.messages("trip", MessageQuery.earliest(10)).items();
      assertThat(all.subList(0, 6)).containsExactlyElementsOf(asWritten());
      assertThat(all.get(6)).isEqualTo(added);
      assertThat(all.get(6).toolCalls()).containsExactly(lookup);
    }
  }

  @Test
  void versionTwoAppendsLeaveTheOlderLinesAsTheyWereAndEverythingReadsBack() throws IOException {
    List<Message> appended = new java.util.ArrayList<>();
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      appended.add(store.append("trip", NewMessage.user("And Zurich?")));
      assertThat(Files.readAllBytes(file)).as("a plain message needs no newer version").startsWith(written);
      appended.add(store.append("trip", V2Messages.assistant()));
      appended.add(store.append("trip", V2Messages.toolResults()));
      appended.add(store.append("trip", V2Messages.named("Thanks")));
      assertThat(store.findSession("trip").orElseThrow().key()).isEmpty();
    }

    byte[] now = Files.readAllBytes(file);
    byte[] expected = written.clone();
    int digit = new String(written, java.nio.charset.StandardCharsets.UTF_8).indexOf("\"version\":1") + 10;
    expected[digit] = '2';
    assertThat(Arrays.copyOf(now, written.length)).as("only the header's version changed").isEqualTo(expected);

    Files.delete(folder.resolve("index.jsonl")); // and once more from the file alone
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      List<Message> all = store.messages("trip", MessageQuery.earliest(20)).items();
      assertThat(all.subList(0, 6)).containsExactlyElementsOf(asWritten());
      assertThat(all.subList(6, 10)).containsExactlyElementsOf(appended);
      assertThat(store.toolExecutions("trip")).extracting(e -> e.call().id() + " -> "
          + e.resultMessageId().orElse("none"))
          .containsExactly("call_0 -> m3", "call_0 -> m5", "call_1 -> m6",
              "call_1 -> " + appended.get(2).id(), "call_2 -> " + appended.get(2).id());
      assertThat(store.listSessions(dev.chatstore.SessionQuery.of("me")).items().get(0).key()).isEmpty();
    }
  }
}
