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
}
