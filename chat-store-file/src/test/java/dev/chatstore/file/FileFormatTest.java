package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatstore.FlushPolicy;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session file is what the README documents, readable by any JSON Lines reader: a header, then
 * one event per line; an append adds one line and rewrites nothing; a stream's text is written once.
 */
class FileFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path folder;

  private Path file(String sessionId) {
    return folder.resolve("sessions").resolve(sessionId + ".jsonl");
  }

  private List<JsonNode> lines(String sessionId) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file(sessionId))) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  @Test
  void aHeaderThenOneEventPerLine() throws IOException {
    String id;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      id = store.createSession(NewSession.forOwner("owner").title("Trip").state("{\"b\":1,\"a\":[2]}").build()).id();
      store.append(id, NewMessage.user("Hello"));
      store.updateSession(id, 1, SessionUpdate.title("Trip to Rome"));
      store.deleteSession(id);
      store.restoreSession(id);
    }
    List<JsonNode> lines = lines(id);

    assertThat(lines.get(0).toString()).isEqualTo("{\"format\":\"chat-store-session\",\"version\":1}");
    assertThat(lines.subList(1, lines.size())).extracting(n -> n.get("event").asText())
        .containsExactly("session.created", "message.appended", "session.updated", "session.deleted",
            "session.restored");
    JsonNode created = lines.get(1);
    assertThat(created.get("id").asText()).isEqualTo(id);
    assertThat(created.get("owner").asText()).isEqualTo("owner");
    assertThat(created.get("state").toString()).as("canonical, nested").isEqualTo("{\"a\":[2],\"b\":1}");
    JsonNode message = lines.get(2);
    assertThat(message.get("seq").asLong()).isEqualTo(1);
    assertThat(message.get("role").asText()).isEqualTo("USER");
    assertThat(message.get("status").asText()).isEqualTo("COMPLETE");
    assertThat(message.get("content").asText()).isEqualTo("Hello");
    assertThat(lines.get(3).get("version").asLong()).isEqualTo(2);
    assertThat(lines.get(5).get("version").asLong()).isEqualTo(4);
  }

  @Test
  void anAppendAddsOneLineAndLeavesTheRestOfTheFileAsItWas() throws IOException {
    String id;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      id = store.createSession(NewSession.forOwner("owner").build()).id();
      for (int i = 0; i < 50; i++) {
        store.append(id, NewMessage.user("message " + i));
      }
      byte[] before = Files.readAllBytes(file(id));

      store.append(id, NewMessage.user("one more"));

      byte[] after = Files.readAllBytes(file(id));
      assertThat(java.util.Arrays.copyOf(after, before.length)).isEqualTo(before);
      String added = new String(after, before.length, after.length - before.length, java.nio.charset.StandardCharsets.UTF_8);
      assertThat(added.lines()).hasSize(1);
      assertThat(added).endsWith("\n").contains("one more");
    }
  }

  @Test
  void aBatchIsOneLinePerMessageMarkedOnItsFirst() throws IOException {
    String id;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      id = store.createSession(NewSession.forOwner("owner").build()).id();
      store.appendAll(id, List.of(NewMessage.user("a"), NewMessage.user("b"), NewMessage.user("c")));
    }
    List<JsonNode> lines = lines(id);
    assertThat(lines).hasSize(5);
    assertThat(lines.get(2).get("batch").asInt()).isEqualTo(3);
    assertThat(lines.get(3).has("batch")).isFalse();
  }

  @Test
  void aStreamWritesEachCharacterOnceAndOneLinePerFlush() throws IOException {
    String id;
    StringBuilder text = new StringBuilder();
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      id = store.createSession(NewSession.forOwner("owner").build()).id();
      StreamOptions manual = StreamOptions.assistant().withFlushPolicy(
          FlushPolicy.defaults().withMaxBufferedChars(1 << 20).withMaxDelay(java.time.Duration.ofHours(1)));
      try (MessageStream stream = store.openStream(id, manual)) {
        for (int i = 0; i < 20; i++) {
          String chunk = "<token-" + i + ">";
          text.append(chunk);
          stream.append(chunk);
          if (i == 10) {
            stream.addToolCall(new ToolCall("call-1", "search", "{\"q\":\"x\"}"));
          }
          stream.flush();
        }
        stream.append("<last>");
        text.append("<last>");
        assertThat(stream.complete().content()).isEqualTo(text.toString());
      }
    }
    List<JsonNode> lines = lines(id);
    assertThat(lines.subList(2, lines.size())).extracting(n -> n.get("event").asText())
        .startsWith("stream.begun", "stream.flushed").endsWith("stream.finished");
    assertThat(lines).hasSize(2 + 1 + 20 + 1);
    String raw = Files.readString(file(id));
    for (int i = 0; i < 20; i++) {
      assertThat(raw.split("<token-" + i + ">", -1)).as("token %d written once", i).hasSize(2);
    }
    assertThat(raw.split("call-1", -1)).hasSize(2);
    JsonNode finished = lines.get(lines.size() - 1);
    assertThat(finished.get("text").asText()).isEqualTo("<last>");
    assertThat(finished.get("status").asText()).isEqualTo("COMPLETE");
  }

  @Test
  void textIsKeptExactlyWithSurrogatesEscaped() throws IOException {
    String id;
    String tricky = "emoji 😀, NUL \u0000, newline \n, quote \", lone \uD83D surrogate, é";
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      id = store.createSession(NewSession.forOwner("owner").title(tricky).build()).id();
      store.append(id, NewMessage.user(tricky));
      try (MessageStream stream = store.openStream(id, Role.ASSISTANT)) {
        stream.append("split \uD83D");
        stream.flush();
        stream.append("\uDE00 pair").complete();
      }
    }
    String raw = Files.readString(file(id));
    assertThat(raw.lines()).as("header, created, appended, begun, flushed, finished").hasSize(6);
    assertThat(raw).contains("\\uD83D\\uDE00").contains("\\u0000").contains("é");
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(store.getSession(id).title()).isEqualTo(tricky);
      assertThat(store.recentMessages(id, 2)).extracting(dev.chatstore.Message::content)
          .containsExactly(tricky, "split 😀 pair");
    }
  }
}
