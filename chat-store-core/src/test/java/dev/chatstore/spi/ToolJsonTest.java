package dev.chatstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.chatstore.InvalidInputException;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON of tool calls and results: its shape, its round trip, and the streaming writer agreeing with it. */
class ToolJsonTest {
  private static final List<ToolCall> CALLS = List.of(new ToolCall("c1", "search", "{\"q\":\"é 😀\",\"n\":1.50}"),
      new ToolCall("c2", "noop", "[]"));
  private static final ToolResult RESULT = ToolResult.failure("c1", "search", "{\"error\":\"quota\"}");

  @Test
  void callsAndResultsRoundTripAsTrees() {
    assertThat(ToolJson.calls(ToolJson.calls(CALLS), "toolCalls")).isEqualTo(CALLS);
    assertThat(ToolJson.result(ToolJson.result(RESULT), "toolResult")).isEqualTo(RESULT);
    assertThat(Json.write(ToolJson.calls(CALLS)))
        .isEqualTo("[{\"arguments\":{\"n\":1.50,\"q\":\"é 😀\"},\"id\":\"c1\",\"name\":\"search\"},"
            + "{\"arguments\":[],\"id\":\"c2\",\"name\":\"noop\"}]");
  }

  @Test
  void theStreamingWriterWritesWhatTheTreeSays() throws Exception {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartArray();
      ToolJson.writeCalls(CALLS, g);
      ToolJson.writeResult(RESULT, g);
      g.writeEndArray();
    }
    var tree = Json.parse(out.toString(), "out");
    assertThat(tree.get(0)).isEqualTo(ToolJson.calls(CALLS));
    assertThat(tree.get(1)).isEqualTo(ToolJson.result(RESULT));
  }

  @Test
  void aCallNamedToolNameAsOldFilesWroteItStillReads() {
    var old = Json.parse("[{\"id\":\"c1\",\"toolName\":\"search\",\"arguments\":{}}]", "x");
    assertThat(ToolJson.calls(old, "toolCalls")).containsExactly(new ToolCall("c1", "search", "{}"));
  }

  @Test
  void malformedDocumentsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> ToolJson.calls(Json.parse("{}", "x"), "toolCalls"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("toolCalls");
    assertThatThrownBy(() -> ToolJson.calls(Json.parse("[{\"id\":\"c\",\"arguments\":1}]", "x"), "toolCalls"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("toolCalls[0].name");
    assertThatThrownBy(() -> ToolJson.result(Json.parse("{\"callId\":\"c\",\"toolName\":\"t\",\"output\":1,"
        + "\"error\":\"no\"}", "x"), "toolResult"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("toolResult.error");
    assertThatThrownBy(() -> ToolJson.result(Json.parse("[]", "x"), "toolResult"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("toolResult");
  }

  @Test
  void aMalformedCallKeepsItsArgumentsAsAStringAndIsFlagged() {
    ToolCall broken = new ToolCall("c1", "search", "{\"q\": \"unterminated");
    assertThat(broken.malformed()).isTrue();

    assertThat(Json.write(ToolJson.calls(List.of(broken))))
        .isEqualTo("[{\"arguments\":\"{\\\"q\\\": \\\"unterminated\",\"id\":\"c1\",\"malformed\":true,"
            + "\"name\":\"search\"}]");
    assertThat(ToolJson.calls(ToolJson.calls(List.of(broken)), "toolCalls")).containsExactly(broken);
    ToolCall jsonString = new ToolCall("c2", "search", "\"{\\\"q\\\": 1\"");
    assertThat(jsonString.malformed()).isFalse();
    assertThat(ToolJson.calls(ToolJson.calls(List.of(jsonString, broken)), "toolCalls"))
        .containsExactly(jsonString, broken);
  }

  @Test
  void aTextOutputIsWrittenAsOutputTextAndReadBackExactly() {
    ToolResult text = ToolResult.text("c1", "shell", "{ \"not\": \"canonicalised\" } \u0000 😀\n");

    assertThat(Json.write(ToolJson.result(text))).isEqualTo("{\"callId\":\"c1\",\"error\":false,"
        + "\"outputText\":\"{ \\\"not\\\": \\\"canonicalised\\\" } \\u0000 😀\\n\",\"toolName\":\"shell\"}");
    assertThat(ToolJson.result(ToolJson.result(text), "toolResult")).isEqualTo(text);
    ToolResult jsonString = ToolResult.success("c1", "shell", "\"hi\"");
    assertThat(ToolJson.result(ToolJson.result(jsonString), "toolResult")).isEqualTo(jsonString);
    assertThat(ToolJson.result(ToolJson.result(jsonString), "toolResult").format())
        .isEqualTo(ToolResult.OutputFormat.JSON);
  }

  @Test
  void oneResultIsAnObjectAsInTheFirstReleaseAndSeveralAnArray() {
    ToolResult second = ToolResult.textFailure("c2", "fetch", "404");

    assertThat(ToolJson.results(List.of(RESULT)).isObject()).isTrue();
    assertThat(ToolJson.results(List.of(RESULT, second)).isArray()).isTrue();
    assertThat(ToolJson.results(List.of()).isArray()).isTrue();
    assertThat(ToolJson.results(ToolJson.results(List.of(RESULT)), "r")).containsExactly(RESULT);
    assertThat(ToolJson.results(ToolJson.results(List.of(second, RESULT)), "r")).containsExactly(second, RESULT);
    assertThat(ToolJson.results(ToolJson.results(List.of()), "r")).isEmpty();
    assertThatThrownBy(() -> ToolJson.results(Json.parse("[{}, 1]", "x"), "toolResults"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("toolResults[0].error"));
    assertThatThrownBy(() -> ToolJson.results(Json.parse("\"r\"", "x"), "toolResults"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("toolResults"));
  }

  @Test
  void theStreamingWriterWritesMalformedCallsTextOutputsAndSeveralResultsAsTheTreeDoes() throws Exception {
    List<ToolCall> calls = List.of(new ToolCall("c1", "t", "{oops"), new ToolCall("c2", "t", "{\"a\":1}"));
    List<ToolResult> results = List.of(ToolResult.text("c1", "t", "plain \u0000"), RESULT);
    StringWriter out = new StringWriter();
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartArray();
      ToolJson.writeCalls(calls, g);
      ToolJson.writeResults(results, g);
      ToolJson.writeResults(List.of(RESULT), g);
      g.writeEndArray();
    }

    assertThat(out.toString()).isEqualTo("[" + Json.write(ToolJson.calls(calls)) + ","
        + Json.write(ToolJson.results(results)) + "," + Json.write(ToolJson.results(List.of(RESULT))) + "]");
  }

  @Test
  void aResultWithBothOutputsOrABadMalformedFlagIsRefused() {
    assertThatThrownBy(() -> ToolJson.result(Json.parse("{\"callId\":\"c\",\"toolName\":\"t\",\"error\":false,"
        + "\"output\":1,\"outputText\":\"1\"}", "x"), "toolResult"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("toolResult"));
    assertThatThrownBy(() -> ToolJson.calls(Json.parse("[{\"id\":\"c\",\"name\":\"t\",\"arguments\":\"x\","
        + "\"malformed\":\"yes\"}]", "x"), "toolCalls"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("toolCalls[0].malformed"));
    assertThatThrownBy(() -> ToolJson.calls(Json.parse("[{\"id\":\"c\",\"name\":\"t\",\"arguments\":{},"
        + "\"malformed\":true}]", "x"), "toolCalls"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("toolCalls[0].arguments"));
  }
}
