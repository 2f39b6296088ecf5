package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatstore.ChatSession;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStream;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.PageRequest;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolExecution;
import dev.chatstore.ToolResult;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.spi.Json;
import dev.chatstore.spi.MessageBody;
import dev.chatstore.spi.ToolJson;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How schema 3 stores what a message says beyond its text: a plain-text message exactly as before
 * (NULL body, one result as an object), a message with parts with its body as canonical JSON and its
 * text parts in content, several tool results as an array, text outputs and malformed arguments
 * exactly (NUL and non-BMP characters included), and forks and stream ends that keep all of it.
 */
abstract class BodyStorageTestBase extends OpenStoreTestBase {
  /** NUL, non-BMP, the escape code's own private-use characters, JSON and SQL syntax. */
  static final String HARD = "a\u0000b \uD83D\uDE00 \uF8E0\uF8E2 \"q\" \\ '; --";

  @Test
  void plainTextMessagesAreStoredAsBeforeBodiesWithNoBody() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    store.append(s.id(), NewMessage.system("be brief"));
    store.append(s.id(), NewMessage.user(HARD));
    store.append(s.id(), NewMessage.builder(Role.ASSISTANT).toolCall(new ToolCall("c1", "t", "{\"q\":1}")).build());
    Message tool = store.append(s.id(), NewMessage.tool(ToolResult.success("c1", "t", "{\"r\":[1,2]}")));
    store.appendAll(s.id(), List.of(NewMessage.user("one"), NewMessage.assistant("")));
    MessageStream stream = store.openStream(s.id(), StorageTestBase.explicitFlushes());
    stream.append("streamed ").flush();
    stream.append("reply").complete();

    assertThat(db.column("SELECT COUNT(*) FROM chatstore_messages WHERE body IS NOT NULL")).containsExactly("0");
    // one result: the object schema 2 wrote
    assertThat(storedResults(tool.id())).isEqualTo(ToolJson.result(tool.toolResults().get(0)));
    assertThat(store.messages(s.id(), MessageQuery.earliest(10)).items()).extracting(Message::content)
        .containsExactly("be brief", HARD, "", "", "one", "", "streamed reply");
  }

  @Test
  void aMessageWithPartsKeepsItsBodyAsCanonicalJsonAndItsTextInContent() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    byte[] everyByte = new byte[256];
    for (int i = 0; i < 256; i++) {
      everyByte[i] = (byte) i;
    }
    List<Part> parts = List.of(
        ReasoningPart.signed("think " + HARD, "sig+/=" + HARD),
        Part.text("Here: "),
        MediaPart.inline("image/png", everyByte).withFileName("\u00FCber.png"),
        MediaPart.reference("application/pdf", "https://example.com/\u00E4/d\u00F6c.pdf?q=1#x"),
        ReasoningPart.encrypted("", "opaque=="),
        Part.text(HARD));
    Message m = store.append(s.id(), NewMessage.builder(Role.ASSISTANT).parts(parts)
        .attributes("{\"big\":123456789012345678901234567890.000,\"nested\":{\"a\":[1,{\"b\":null}],\"s\":\"\\u0000\"}}")
        .name("agent \uD83E\uDD16").build());

    assertThat(m.content()).isEqualTo("Here: " + HARD);
    assertThat(store.getMessage(s.id(), m.id())).isEqualTo(m);
    assertThat(m.parts()).isEqualTo(parts);
    assertThat(m.attributesJson()).contains("123456789012345678901234567890.000");
    assertThat(db.column("SELECT content FROM chatstore_messages WHERE id = ?", m.id()))
        .containsExactly(storedText("Here: " + HARD));
    assertThat(db.column("SELECT body FROM chatstore_messages WHERE id = ?", m.id()))
        .containsExactly(storedText(MessageBody.of(m).json().orElseThrow()));
    // search reads content: the text parts, not the reasoning
    assertThat(store.searchMessages("o", "here:", PageRequest.first(10)).items()).containsExactly(m);
    assertThat(store.searchMessages("o", "think", PageRequest.first(10)).items()).isEmpty();
    // an update of metadata leaves the body as it was
    Message updated = store.updateMessage(s.id(), m.id(), MessageUpdate.metadata(
        MessageMetadata.builder().model("m").build()));
    assertThat(updated.parts()).isEqualTo(parts);
    assertThat(updated.attributesJson()).isEqualTo(m.attributesJson());
    assertThat(updated.name()).isEqualTo(Optional.of("agent \uD83E\uDD16"));
  }

  @Test
  void severalToolResultsAreOneArrayAndEachIsPairedWithItsCall() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    ToolCall json = new ToolCall("c1", "search", "{\"q\":\"x\"}");
    ToolCall broken = new ToolCall("c2", "shell", "{\"cmd\": \"ls\u0000" + HARD); // as a model sent it
    ToolCall text = new ToolCall("c3", "read", "{}");
    Message calls = store.append(s.id(), NewMessage.builder(Role.ASSISTANT).toolCalls(List.of(json, broken, text))
        .build());
    List<ToolResult> results = List.of(
        ToolResult.success("c1", "search", "{\"hits\":[1.50,2]}"),
        ToolResult.textFailure("c2", "shell", "exit 2: " + HARD),
        ToolResult.text("c3", "read", HARD + "\n\t\uDBFF\uDFFF"));
    Message tool = store.append(s.id(), NewMessage.tool(results));

    assertThat(broken.malformed()).isTrue();
    assertThat(store.getMessage(s.id(), calls.id()).toolCalls()).containsExactly(json, broken, text);
    assertThat(store.getMessage(s.id(), tool.id()).toolResults()).isEqualTo(results);
    assertThat(storedResults(tool.id())).isEqualTo(ToolJson.results(results));
    assertThat(storedResults(tool.id()).isArray()).isTrue();
    assertThat(store.toolExecutions(s.id())).extracting(ToolExecution::call, e -> e.result().orElseThrow())
        .containsExactly(tuple(json, results.get(0)),
            tuple(broken, results.get(1)),
            tuple(text, results.get(2)));
    assertThat(store.toolExecutions(s.id())).allSatisfy(e -> assertThat(e.resultMessageId()).contains(tool.id()));
  }

  @Test
  void aForkCopiesBodiesAndResultsExactly() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    store.append(s.id(), NewMessage.builder(Role.USER).content("see").part(MediaPart.reference("image/png", "u:1"))
        .attributes("{\"k\":[1.0]}").name("ana").build());
    store.append(s.id(), NewMessage.builder(Role.ASSISTANT).toolCall(new ToolCall("c1", "t", "not json"))
        .toolCall(new ToolCall("c2", "t", "{}")).build());
    Message last = store.append(s.id(), NewMessage.tool(List.of(ToolResult.text("c1", "t", HARD),
        ToolResult.success("c2", "t", "{}"))));

    ChatSession fork = store.fork(s.id(), last.id(), "fork");

    List<Message> source = store.messages(s.id(), MessageQuery.earliest(10)).items();
    List<Message> copy = store.messages(fork.id(), MessageQuery.earliest(10)).items();
    assertThat(copy).hasSize(3);
    for (int i = 0; i < 3; i++) {
      Message a = source.get(i);
      Message b = copy.get(i);
      assertThat(b).isEqualTo(new Message(b.id(), fork.id(), a.seq(), a.role(), a.parts(), a.status(), a.toolCalls(),
          a.toolResults(), a.metadata(), a.attributesJson(), a.name(), a.createdAt(), a.updatedAt()));
    }
    String rows = "SELECT body FROM chatstore_messages WHERE session_id = ? ORDER BY seq";
    assertThat(db.column(rows, fork.id())).isEqualTo(db.column(rows, s.id()));
    assertThat(store.toolExecutions(fork.id())).extracting(e -> e.result().orElseThrow())
        .isEqualTo(store.toolExecutions(s.id()).stream().map(e -> e.result().orElseThrow()).toList());
  }

  @Test
  void aStreamEndsWithAllItWroteAndNoBody() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    ToolCall broken = new ToolCall("c1", "t", "{\"a\":" + HARD);
    MessageStream stream = store.openStream(s.id(), StorageTestBase.explicitFlushes());
    stream.append(HARD).flush();
    stream.addToolCall(broken);
    stream.append(" end");

    Message done = stream.complete(MessageMetadata.builder().finishReason("tool_calls").build());

    assertThat(done.content()).isEqualTo(HARD + " end");
    assertThat(done.parts()).containsExactly(Part.text(HARD + " end"));
    assertThat(done.toolCalls()).containsExactly(broken);
    assertThat(store.getMessage(s.id(), done.id())).isEqualTo(done);
    assertThat(db.column("SELECT body FROM chatstore_messages WHERE id = ?", done.id())).containsExactly((String) null);
  }

  /** What {@code text} is stored as in a text column: itself on H2, PgText's escaped form on PostgreSQL. */
  abstract String storedText(String text);

  /** The tool_result column of a message, parsed (on PostgreSQL, with PgText's escapes undone). */
  abstract JsonNode storedResults(String messageId) throws Exception;

  /** Parses a JSON column's text. */
  static JsonNode tree(String json) {
    return Json.parse(json, "json");
  }
}
