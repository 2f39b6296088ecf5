package dev.chatstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ToolCall;
import dev.chatstore.ToolExecution;
import dev.chatstore.ToolResult;
import dev.chatstore.spi.ToolPairing.ToolTurn;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolPairingTest {
  private static final ToolCall CALL_0_A = new ToolCall("call_0", "search", "{\"q\":1}");
  private static final ToolCall CALL_0_B = new ToolCall("call_0", "search", "{\"q\":2}");
  private static final ToolResult ANSWER_0 = ToolResult.success("call_0", "search", "{\"ok\":true}");

  @Test
  void aReusedCallIdPairsTurnByTurn() {
    List<ToolExecution> pairs = ToolPairing.pair(List.of(
        ToolTurn.calls(1, "m1", List.of(CALL_0_A)),
        ToolTurn.result(2, "m2", ANSWER_0),
        ToolTurn.calls(3, "m3", List.of(CALL_0_B)),
        ToolTurn.result(4, "m4", ANSWER_0)));

    assertThat(pairs).extracting(e -> e.callMessageId() + "->" + e.resultMessageId().orElse("none"))
        .containsExactly("m1->m2", "m3->m4");
  }

  @Test
  void aCallCutOffByTheNextCallWithItsIdStaysAnOrphan() {
    List<ToolExecution> pairs = ToolPairing.pair(List.of(
        ToolTurn.calls(1, "m1", List.of(CALL_0_A)),
        ToolTurn.calls(2, "m2", List.of(CALL_0_B)),
        ToolTurn.result(3, "m3", ANSWER_0)));

    assertThat(pairs.get(0).isOrphan()).isTrue();
    assertThat(pairs.get(1).resultMessageId()).contains("m3");
  }

  @Test
  void aResultAnswersOneCallAndEarlierOrStrayResultsAreIgnored() {
    List<ToolExecution> pairs = ToolPairing.pair(List.of(
        ToolTurn.result(1, "m1", ANSWER_0),
        ToolTurn.calls(2, "m2", List.of(CALL_0_A)),
        ToolTurn.result(3, "m3", ANSWER_0),
        ToolTurn.result(4, "m4", ANSWER_0),
        ToolTurn.result(5, "m5", ToolResult.success("nobody", "search", "1"))));

    assertThat(pairs).containsExactly(new ToolExecution(CALL_0_A, "m2", Optional.of(ANSWER_0), Optional.of("m3")));
  }

  @Test
  void severalCallsOfOneMessageKeepTheirOrderAndSeveralResultsOfOneTurnEachAnswerOne() {
    ToolCall a = new ToolCall("a", "x", "{}");
    ToolCall b = new ToolCall("b", "y", "{}");
    ToolResult ra = ToolResult.success("a", "x", "1");
    ToolResult rb = ToolResult.failure("b", "y", "2");
    List<ToolExecution> pairs = ToolPairing.pair(List.of(
        ToolTurn.calls(1, "m1", List.of(a, b)),
        new ToolTurn(2, "m2", List.of(), List.of(rb, ra))));

    assertThat(pairs).containsExactly(
        new ToolExecution(a, "m1", Optional.of(ra), Optional.of("m2")),
        new ToolExecution(b, "m1", Optional.of(rb), Optional.of("m2")));
  }

  @Test
  void turnsOutOfSeqOrderAreABackendBug() {
    assertThatThrownBy(() -> ToolPairing.pair(List.of(
        ToolTurn.calls(2, "m2", List.of(CALL_0_A)), ToolTurn.result(1, "m1", ANSWER_0))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
