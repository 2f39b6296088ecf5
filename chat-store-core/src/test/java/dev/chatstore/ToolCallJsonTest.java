package dev.chatstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** JSON carried by tool calls and results is validated and kept in canonical form. */
class ToolCallJsonTest {
  @Test
  void argumentsAreCanonicalKeysSortedCompactNumbersExact() {
    ToolCall call = new ToolCall("c1", "weather", "{ \"units\": \"metric\",\n \"city\": \"Paris\", \"days\": 1.50 }");
    assertThat(call.argumentsJson()).isEqualTo("{\"city\":\"Paris\",\"days\":1.50,\"units\":\"metric\"}");
  }

  @Test
  void exponentNumbersAreWrittenPlainSoEveryBackendReadsTheSameText() {
    assertThat(new ToolCall("c1", "t", "{\"n\":1e3}").argumentsJson()).isEqualTo("{\"n\":1000}");
  }

  @Test
  void nulAndNonBmpInsideStringsSurvive() {
    ToolResult result = ToolResult.success("c1", "read", "{\"text\":\"a\\u0000b 😀\"}");
    assertThat(result.outputJson()).isEqualTo("{\"text\":\"a\\u0000b 😀\"}");
  }

  @Test
  void argumentsAModelSentMalformedAreKeptExactlyAndFlagged() {
    for (String broken : new String[] {"{\"a\":", "{\"a\":1,\"a\":2}", "{} trailing", "", "  {'a': 1}  "}) {
      ToolCall call = new ToolCall("c1", "t", broken);
      assertThat(call.malformed()).as(broken).isTrue();
      assertThat(call.argumentsJson()).as(broken).isEqualTo(broken);
    }
    ToolCall wellFormed = new ToolCall("c1", "t", "{ \"b\": 1, \"a\": [true] }");
    assertThat(wellFormed.malformed()).isFalse();
    assertThat(wellFormed.argumentsJson()).isEqualTo("{\"a\":[true],\"b\":1}");
    assertThatThrownBy(() -> new ToolCall("c1", "t", "{\"a\":", false))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("toolCall.argumentsJson"));
  }

  @Test
  void exponentsCannotBlowADocumentUpWhenWrittenPlain() {
    String hostile = "[" + "1e900,".repeat(200) + "1]";
    assertThatThrownBy(() -> ToolResult.success("c1", "t", hostile))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("toolResult.output");
          assertThat(e.reason()).contains("plain notation");
        });
  }

  @Test
  void blankNamesAndNullsAreRefusedByName() {
    assertThatThrownBy(() -> new ToolCall(" ", "t", "{}"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("toolCall.id"));
    assertThatThrownBy(() -> new ToolCall("c", null, "{}"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("toolCall.toolName"));
    assertThatThrownBy(() -> new ToolResult("c", "t", null, false))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("toolResult.output"));
  }
}
