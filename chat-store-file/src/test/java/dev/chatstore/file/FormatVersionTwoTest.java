package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatstore.ChatSession;
import dev.chatstore.CorruptDataException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolExecution;
import dev.chatstore.ToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format version 2 as the README documents it: a line holding nothing version 1 lacked is written
 * byte for byte as version 1 wrote it, and the header says 1 while every line is such a line; the first
 * line that needs more (a body, several or text results, malformed arguments, a key) raises the
 * header's number in place and nothing else before it changes. Everything reads back after a reopen.
 */
class FormatVersionTwoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-12-01T10:00:00.000001Z");
  private static final String HEADER_1 = "{\"format\":\"chat-store-session\",\"version\":1}";
  private static final String HEADER_2 = "{\"format\":\"chat-store-session\",\"version\":2}";

  @TempDir
  Path folder;

  private FileSessionStore open() {
    return FileSessionStore.builder(folder).clock(Clock.fixed(T, ZoneOffset.UTC)).open();
  }

  private Path file(String id) {
    return folder.resolve("sessions").resolve(id + ".jsonl");
  }

  private List<String> lines(String id) throws IOException {
    return Files.readAllLines(file(id), StandardCharsets.UTF_8);
  }

  private static List<Message> all(FileSessionStore store, String id) {
    return store.messages(id, MessageQuery.earliest(100)).items();
  }

  /** A session "s" holding a plain user message, a call and its JSON result: what version 1 wrote. */
  private void writeVersionOneKinds(FileSessionStore store) {
    store.createSession(NewSession.forOwner("me").id("s").title("T").build());
    store.append("s", NewMessage.builder(Role.USER).id("m1").content("Hi").build());
    store.append("s", NewMessage.builder(Role.ASSISTANT).id("m2").content("Looking.")
        .toolCall(new ToolCall("c1", "search", "{\"q\":\"x\"}")).build());
    store.append("s", NewMessage.builder(Role.TOOL).id("m3")
        .toolResult(ToolResult.success("c1", "search", "{\"hits\":1}")).build());
  }

  @Test
  void linesOfWhatVersionOneHeldAreWrittenAsVersionOneWroteThem() throws IOException {
    try (FileSessionStore store = open()) {
      writeVersionOneKinds(store);
    }
    String at = "\"at\":\"" + T + "\"";
    String times = "\"createdAt\":\"" + T + "\",\"updatedAt\":\"" + T + "\"";
    assertThat(lines("s")).containsExactly(
        HEADER_1,
        "{\"event\":\"session.created\"," + at + ",\"id\":\"s\",\"owner\":\"me\",\"title\":\"T\","
            + "\"metadata\":{\"schemaVersion\":1},\"state\":{}}",
        "{\"event\":\"message.appended\"," + at + ",\"id\":\"m1\",\"seq\":1,\"role\":\"USER\",\"status\":\"COMPLETE\","
            + times + ",\"content\":\"Hi\",\"metadata\":{\"schemaVersion\":1}}",
        "{\"event\":\"message.appended\"," + at + ",\"id\":\"m2\",\"seq\":2,\"role\":\"ASSISTANT\",\"status\":\"COMPLETE\","
            + times + ",\"content\":\"Looking.\",\"toolCalls\":[{\"arguments\":{\"q\":\"x\"},\"id\":\"c1\",\"name\":\"search\"}],"
            + "\"metadata\":{\"schemaVersion\":1}}",
        "{\"event\":\"message.appended\"," + at + ",\"id\":\"m3\",\"seq\":3,\"role\":\"TOOL\",\"status\":\"COMPLETE\","
            + times + ",\"content\":\"\",\"toolResult\":{\"callId\":\"c1\",\"error\":false,\"output\":{\"hits\":1},"
            + "\"toolName\":\"search\"},\"metadata\":{\"schemaVersion\":1}}");
  }

  @Test
  void theFirstLineThatNeedsVersionTwoRaisesTheHeaderAndChangesNothingElse() throws IOException {
    byte[] before;
    Message rich;
    try (FileSessionStore store = open()) {
      writeVersionOneKinds(store);
      before = Files.readAllBytes(file("s"));
      rich = store.append("s", V2Messages.assistant());
    }
    byte[] after = Files.readAllBytes(file("s"));
    byte[] expected = before.clone();
    expected[HEADER_1.indexOf('1')] = '2';
    assertThat(Arrays.copyOf(after, before.length)).isEqualTo(expected);
    assertThat(lines("s").get(0)).isEqualTo(HEADER_2);

    JsonNode line = JSON.readTree(lines("s").get(5));
    assertThat(line.get("content").asText()).isEqualTo("Here is the map: and the plan.");
    assertThat(line.get("body").get("name").asText()).isEqualTo("agent-7");
    assertThat(line.get("body").get("parts")).hasSize(7);
    assertThat(line.get("toolCalls").get(1).get("malformed").asBoolean()).isTrue();

    try (FileSessionStore store = open()) {
      assertThat(all(store, "s").get(3)).isEqualTo(rich);
      assertThat(rich.parts()).isEqualTo(V2Messages.parts());
      assertThat(rich.toolCalls().get(1).malformed()).isTrue();
      assertThat(rich.attributesJson()).contains("123456789012345678901234567890.000000000000000000001");
    }
  }

  @Test
  void severalResultsAndTextOutputsReadBackAndPairWithTheirCalls() throws IOException {
    List<Message> written = new ArrayList<>();
    try (FileSessionStore store = open()) {
      store.createSession(NewSession.forOwner("me").id("s").build());
      written.add(store.append("s", V2Messages.assistant()));
      written.add(store.append("s", V2Messages.toolResults()));
      written.add(store.append("s", NewMessage.builder(Role.ASSISTANT).content("again")
          .toolCall(new ToolCall("call_3", "search", "{}")).build()));
      written.add(store.append("s", V2Messages.oneTextResult("call_3")));
    }
    JsonNode several = JSON.readTree(lines("s").get(3)).get("toolResult");
    assertThat(several.isArray()).isTrue();
    assertThat(several.get(1).get("outputText").asText()).isEqualTo(V2Messages.TOOL_TEXT);
    assertThat(JSON.readTree(lines("s").get(5)).get("toolResult").get("outputText").asText())
        .isEqualTo(V2Messages.TOOL_TEXT);

    try (FileSessionStore store = open()) {
      assertThat(all(store, "s")).isEqualTo(written);
      assertThat(all(store, "s").get(1).toolResults()).extracting(ToolResult::format)
          .containsExactly(ToolResult.OutputFormat.JSON, ToolResult.OutputFormat.TEXT);
      List<ToolExecution> executions = store.toolExecutions("s");
      assertThat(executions).extracting(e -> e.call().id() + " -> " + e.result().map(ToolResult::output).orElse("-"))
          .containsExactly("call_1 -> {\"celsius\":4}", "call_2 -> " + V2Messages.TOOL_TEXT,
              "call_3 -> " + V2Messages.TOOL_TEXT);
      assertThat(executions).allSatisfy(e -> assertThat(e.resultMessageId()).isPresent());
    }
  }

  @Test
  void aStreamedMalformedCallRaisesTheHeaderAndTheFinishKeepsEverything() throws IOException {
    Message finished;
    try (FileSessionStore store = open()) {
      store.createSession(NewSession.forOwner("me").id("s").build());
      try (MessageStream stream = store.openStream("s", Role.ASSISTANT)) {
        stream.append("Calling ");
        stream.flush();
        assertThat(lines("s").get(0)).as("nothing so far needs version 2").isEqualTo(HEADER_1);
        stream.addToolCall(new ToolCall("c1", "search", "{\"q\":"));
        stream.append("now.");
        finished = stream.complete();
      }
    }
    assertThat(finished.content()).isEqualTo("Calling now.");
    assertThat(finished.toolCalls()).containsExactly(new ToolCall("c1", "search", "{\"q\":", true));
    assertThat(lines("s").get(0)).isEqualTo(HEADER_2);
    try (FileSessionStore store = open()) {
      assertThat(all(store, "s")).containsExactly(finished);
    }
  }

  @Test
  void aNewFileIsWrittenAtTheVersionItsLinesNeed() throws IOException {
    try (FileSessionStore store = open()) {
      store.createSession(NewSession.forOwner("me").id("plain").build());
      store.createSession(NewSession.forOwner("me").id("keyed").key("conversation-1").build());
      ChatSession source = store.createSession(NewSession.forOwner("me").id("rich").build());
      Message rich = store.append(source.id(), V2Messages.assistant());
      Message plain = store.append("plain", NewMessage.user("hello"));

      String richFork = store.fork("rich", rich.id()).id();
      String plainFork = store.fork("plain", plain.id()).id();

      assertThat(lines("plain").get(0)).isEqualTo(HEADER_1);
      assertThat(lines("keyed").get(0)).isEqualTo(HEADER_2);
      assertThat(lines(plainFork).get(0)).isEqualTo(HEADER_1);
      assertThat(lines(richFork).get(0)).isEqualTo(HEADER_2);
      Message copy = all(store, richFork).get(0);
      assertThat(copy.parts()).isEqualTo(rich.parts());
      assertThat(copy.attributesJson()).isEqualTo(rich.attributesJson());
      assertThat(copy.name()).isEqualTo(rich.name());
      assertThat(copy.toolCalls()).isEqualTo(rich.toolCalls());
    }
  }

  @Test
  void aHandWrittenHeaderIsRaisedWithoutChangingItsLength() throws IOException {
    try (FileSessionStore store = open()) {
      store.createSession(NewSession.forOwner("me").id("s").build());
      store.append("s", NewMessage.user("one"));
    }
    List<String> lines = new ArrayList<>(lines("s"));
    String handWritten = "{ \"version\": 1.0, \"format\": \"chat-store-session\", \"note\": \"mine\" }";
    lines.set(0, handWritten);
    Files.write(file("s"), lines, StandardCharsets.UTF_8);
    Files.delete(folder.resolve("index.jsonl"));

    try (FileSessionStore store = open()) {
      store.append("s", V2Messages.named("two"));
    }
    assertThat(lines("s").get(0)).isEqualTo(handWritten.replace("1.0", "2  "));
    try (FileSessionStore store = open()) {
      assertThat(all(store, "s")).extracting(Message::content).containsExactly("one", "two");
      assertThat(all(store, "s").get(1).name()).contains("Ada");
    }
  }

  @Test
  void aContentEditedWithoutItsPartsIsReportedNotHalfApplied() throws IOException {
    try (FileSessionStore store = open()) {
      store.createSession(NewSession.forOwner("me").id("s").build());
      store.append("s", V2Messages.assistant());
    }
    List<String> lines = new ArrayList<>(lines("s"));
    lines.set(2, lines.get(2).replace("\"content\":\"Here is the map: and the plan.\"", "\"content\":\"edited\""));
    Files.write(file("s"), lines, StandardCharsets.UTF_8);

    try (FileSessionStore store = open()) {
      CorruptDataException e = catchThrowableOfType(CorruptDataException.class, () -> all(store, "s"));
      assertThat(e.location()).endsWith("line 3");
      assertThat(e.getMessage()).contains("\"content\"");
    }
  }
}
