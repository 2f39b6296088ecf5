package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatstore.ChatSession;
import dev.chatstore.CorruptDataException;
import dev.chatstore.FlushPolicy;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStream;
import dev.chatstore.NewSession;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.StreamOptions;
import dev.chatstore.TextPart;
import dev.chatstore.ToolCall;
import dev.chatstore.UnknownPart;
import dev.chatstore.testkit.fixtures.FixtureResources;
import dev.chatstore.testkit.fixtures.V1ReleaseDataSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream lines of a session file as the module README documents them: a delta of text and tool
 * calls is written byte for byte as version 1 wrote it; {@code reasoning}, {@code signature} and
 * {@code attachments} are version-2 fields, and the first line holding one raises the header in place,
 * in a new file as in a first-release one, whose older lines stay as they were and read back. A
 * surrogate pair split across reasoning chunks is never split across lines. Attachments a newer
 * version wrote survive; a text part among them is damage.
 */
class StreamChannelLinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-12-02T10:00:00.000001Z");
  private static final String AT = "\"at\":\"" + T + "\"";
  private static final String HEADER_1 = "{\"format\":\"chat-store-session\",\"version\":1}";
  private static final String HEADER_2 = "{\"format\":\"chat-store-session\",\"version\":2}";
  private static final FlushPolicy ON_FLUSH_ONLY =
      new FlushPolicy(1 << 20, Duration.ofDays(1), 1 << 20, FlushPolicy.DEFAULT_BACKPRESSURE_TIMEOUT);
  private static final MediaPart LINK = MediaPart.reference("application/pdf", "https://example.org/a.pdf");
  private static final MediaPart IMAGE = MediaPart.inline("image/png", V2Messages.ALL_BYTES);

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

  private static MessageStream stream(FileSessionStore store, String sessionId, String messageId) {
    return store.openStream(sessionId, StreamOptions.assistant().withMessageId(messageId).withFlushPolicy(ON_FLUSH_ONLY));
  }

  @Test
  void aStreamOfTextAndToolCallsWritesTheLinesVersionOneWrote() throws IOException {
    try (FileSessionStore store = open()) {
      store.createSession(NewSession.forOwner("me").id("s").title("T").build());
      try (MessageStream stream = stream(store, "s", "m")) {
        stream.append("Hel");
        stream.flush();
        stream.addToolCall(new ToolCall("c1", "search", "{\"q\":\"x\"}")).append("lo \uD83D\uDE00");
        stream.flush();
        stream.append("!");
        stream.complete();
      }
    }
    assertThat(lines("s")).containsExactly(
        HEADER_1,
        "{\"event\":\"session.created\"," + AT + ",\"id\":\"s\",\"owner\":\"me\",\"title\":\"T\","
            + "\"metadata\":{\"schemaVersion\":1},\"state\":{}}",
        "{\"event\":\"stream.begun\"," + AT + ",\"id\":\"m\",\"seq\":1,\"role\":\"ASSISTANT\","
            + "\"metadata\":{\"schemaVersion\":1}}",
        "{\"event\":\"stream.flushed\"," + AT + ",\"id\":\"m\",\"text\":\"Hel\"}",
        "{\"event\":\"stream.flushed\"," + AT + ",\"id\":\"m\",\"text\":\"lo \\uD83D\\uDE00\","
            + "\"toolCalls\":[{\"arguments\":{\"q\":\"x\"},\"id\":\"c1\",\"name\":\"search\"}]}",
        "{\"event\":\"stream.finished\"," + AT + ",\"id\":\"m\",\"status\":\"COMPLETE\",\"text\":\"!\","
            + "\"metadata\":{\"schemaVersion\":1}}");
  }

  @Test
  void theFirstLineWithReasoningASignatureOrAttachmentsRaisesTheHeaderAndHoldsThemAsFields() throws IOException {
    Message done;
    byte[] before;
    try (FileSessionStore store = open()) {
      store.createSession(NewSession.forOwner("me").id("s").build());
      try (MessageStream stream = stream(store, "s", "m")) {
        stream.append("Answer ");
        stream.flush();
        assertThat(lines("s").get(0)).as("text needs no newer version").isEqualTo(HEADER_1);
        before = Files.readAllBytes(file("s"));

        stream.appendReasoning("Why").signReasoning("sig/1").addPart(LINK);
        stream.flush();
        stream.append("here.").addPart(IMAGE);
        done = stream.complete();
      }
    }
    byte[] after = Files.readAllBytes(file("s"));
    byte[] expected = before.clone();
    expected[HEADER_1.indexOf('1')] = '2';
    assertThat(Arrays.copyOf(after, before.length)).as("only the header's number changed").isEqualTo(expected);

    List<String> lines = lines("s");
    assertThat(lines.get(0)).isEqualTo(HEADER_2);
    assertThat(lines.get(4)).isEqualTo("{\"event\":\"stream.flushed\"," + AT + ",\"id\":\"m\",\"reasoning\":\"Why\","
        + "\"signature\":\"sig/1\",\"text\":\"\",\"attachments\":[{\"mimeType\":\"application/pdf\",\"type\":\"media\","
        + "\"uri\":\"https://example.org/a.pdf\"}]}");
    JsonNode finished = JSON.readTree(lines.get(5));
    assertThat(finished.has("reasoning")).as("no reasoning in this delta").isFalse();
    assertThat(finished.has("signature")).isFalse();
    assertThat(finished.get("text").asText()).isEqualTo("here.");
    assertThat(finished.get("attachments").get(0).get("bytes").asText())
        .isEqualTo(Base64.getEncoder().encodeToString(V2Messages.ALL_BYTES));

    assertThat(done.parts()).containsExactly(ReasoningPart.signed("Why", "sig/1"), new TextPart("Answer here."),
        LINK, IMAGE);
    try (FileSessionStore store = open()) {
      assertThat(store.getMessage("s", "m")).isEqualTo(done);
    }
  }

  @Test
  void aSurrogatePairSplitAcrossReasoningChunksIsWrittenAndReadWhole() throws IOException {
    Message done;
    try (FileSessionStore store = open()) {
      store.createSession(NewSession.forOwner("me").id("s").build());
      try (MessageStream stream = stream(store, "s", "m")) {
        stream.appendReasoning("think \uD83D");
        stream.flush();
        assertThat(store.getMessage("s", "m").parts()).as("the half is held back")
            .containsExactly(new ReasoningPart("think "));
        stream.appendReasoning("\uDE00 then \uD83C");
        stream.flush();
        stream.appendReasoning("\uDF27 rain").append("Rain \uD83C").append("\uDF27.");
        done = stream.complete();
      }
    }
    assertThat(done.parts()).containsExactly(new ReasoningPart("think \uD83D\uDE00 then \uD83C\uDF27 rain"),
        new TextPart("Rain \uD83C\uDF27."));
    for (String line : lines("s").subList(3, lines("s").size())) {
      JsonNode reasoning = JSON.readTree(line).get("reasoning");
      assertThat(reasoning).isNotNull();
      assertThat(hasLoneSurrogate(reasoning.asText())).as(line).isFalse();
    }
    assertThat(Files.readString(file("s"), StandardCharsets.UTF_8)).contains("\\uD83D\\uDE00 then ");
    try (FileSessionStore store = open()) {
      assertThat(store.getMessage("s", "m")).isEqualTo(done);
    }
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aTwoChannelStreamIntoAFirstReleaseFileRaisesItsHeaderAndTheOlderLinesStayReadable() throws IOException {
    Path store1 = FixtureResources.copyFolder(getClass(), "v1-release/store", folder.resolve("v1"));
    Path trip = store1.resolve("sessions").resolve(V1ReleaseDataSet.TRIP + ".jsonl");
    List<Message> older;
    byte[] before;
    Message plain;
    Message rich;
    try (FileSessionStore store = FileSessionStore.open(store1)) {
      older = store.messages(V1ReleaseDataSet.TRIP, MessageQuery.earliest(100)).items();
      try (MessageStream stream = store.openStream(V1ReleaseDataSet.TRIP, StreamOptions.assistant())) {
        stream.append("Plain text.");
        plain = stream.complete();
      }
      before = Files.readAllBytes(trip); // after open: recovery may have ended a stream the fixture left open
      assertThat(new String(before, StandardCharsets.UTF_8)).startsWith(HEADER_1);
      try (MessageStream stream = store.openStream(V1ReleaseDataSet.TRIP, StreamOptions.assistant())) {
        stream.appendReasoning("Checking the forecast.").signReasoning("sig").append("Sunny.").addPart(LINK);
        rich = stream.complete();
      }
    }
    byte[] after = Files.readAllBytes(trip);
    byte[] expected = before.clone();
    expected[HEADER_1.indexOf('1')] = '2';
    assertThat(Arrays.copyOf(after, before.length)).as("only the header's number changed").isEqualTo(expected);
    assertThat(rich.parts()).containsExactly(ReasoningPart.signed("Checking the forecast.", "sig"),
        new TextPart("Sunny."), LINK);

    Files.delete(store1.resolve("index.jsonl")); // and once more from the files alone
    try (FileSessionStore store = FileSessionStore.open(store1)) {
      List<Message> all = store.messages(V1ReleaseDataSet.TRIP, MessageQuery.earliest(100)).items();
      assertThat(all.subList(0, older.size())).containsExactlyElementsOf(older);
      assertThat(all.subList(older.size(), all.size())).containsExactly(plain, rich);
    }
  }

  /** A session "s" whose message "m" streamed "a" and ended; its finish line is the last. */
  private List<String> oneStreamedMessage() throws IOException {
    try (FileSessionStore store = open()) {
      store.createSession(NewSession.forOwner("me").id("s").build());
      try (MessageStream stream = stream(store, "s", "m")) {
        stream.append("a");
        stream.complete();
      }
    }
    Files.delete(folder.resolve("index.jsonl"));
    return new ArrayList<>(lines("s"));
  }

  @Test
  void attachmentsOfANewerPartTypeAndUnknownLineFieldsSurviveAReadAndAFork() throws IOException {
    List<String> lines = oneStreamedMessage();
    lines.set(0, HEADER_2); // as a newer version writes it
    int last = lines.size() - 1;
    lines.set(last, lines.get(last).replace("\"text\":\"a\"", "\"text\":\"a\",\"mood\":\"newer line field\","
        + "\"attachments\":[{\"type\":\"hologram\",\"frames\":24},{\"mimeType\":\"image/png\",\"type\":\"media\","
        + "\"uri\":\"https://example.org/i.png\",\"alt\":\"newer part field\"}]"));
    Files.write(file("s"), lines, StandardCharsets.UTF_8);
    List<Part> expected = List.of(new TextPart("a"), new UnknownPart("hologram", Map.of("frames", "24")),
        new MediaPart("image/png", Optional.of("https://example.org/i.png"), Optional.empty(), Optional.empty(),
            Map.of("alt", "\"newer part field\"")));

    try (FileSessionStore store = open()) {
      Message read = store.getMessage("s", "m");
      assertThat(read.parts()).containsExactlyElementsOf(expected);
      assertThat(read.content()).isEqualTo("a");
      ChatSession fork = store.fork("s", "m", "copy");
      assertThat(store.recentMessages(fork.id(), 1).get(0).parts()).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aTextPartAmongTheAttachmentsIsReportedAsDamageNamingTheLine() throws IOException {
    List<String> lines = oneStreamedMessage();
    int last = lines.size() - 1;
    lines.set(last, lines.get(last).replace("\"text\":\"a\"",
        "\"text\":\"a\",\"attachments\":[{\"text\":\"sneaked in\",\"type\":\"text\"}]"));
    Files.write(file("s"), lines, StandardCharsets.UTF_8);

    try (FileSessionStore store = open()) {
      CorruptDataException e = catchThrowableOfType(CorruptDataException.class, () -> store.getMessage("s", "m"));
      assertThat(e.location()).endsWith("s.jsonl line " + lines.size());
      assertThat(e.getMessage()).contains("attachments[0]");
    }
  }
}
