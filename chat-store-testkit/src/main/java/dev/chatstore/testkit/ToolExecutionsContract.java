package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertSessionNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolExecution;
import dev.chatstore.ToolResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * toolExecutions: every call of the session's ASSISTANT messages in seq and call order, paired with
 * the first TOOL message answering its call id that follows it and comes before the next call with
 * the same id (models reuse ids such as {@code call_0} every turn); unanswered calls are orphans.
 */
public abstract class ToolExecutionsContract extends ContractArea {

  protected ToolExecutionsContract(SessionStoreContract contract) {
    super(contract);
  }

  @Test
  void callsArePairedWithTheirResultsAndUnansweredOnesAreOrphans() {
    ChatSession s = newSession();
    ToolCall c1 = new ToolCall("call_1", "search", "{\"q\":\"rome\"}");
    ToolCall c2 = new ToolCall("call_2", "weather", "{\"city\":\"rome\"}");
    ToolCall c3 = new ToolCall("call_3", "search", "{\"q\":\"paris\"}");
    ToolResult r1 = ToolResult.success("call_1", "search", "{\"hits\":[\"a\",\"b\"]}");
    ToolResult r3 = ToolResult.failure("call_3", "search", "{\"error\":\"quota\"}");

    store().append(s.id(), NewMessage.user("plan a trip"));
    Message asks12 = store().append(s.id(), Fixtures.assistantCalling(c1, c2));
    Message answers1 = store().append(s.id(), NewMessage.tool(r1));
    Message asks3 = store().append(s.id(), Fixtures.assistantCalling(c3));
    Message answers3 = store().append(s.id(), NewMessage.tool(r3));

    List<ToolExecution> executions = store().toolExecutions(s.id());

    assertThat(executions).containsExactly(
        new ToolExecution(c1, asks12.id(), Optional.of(r1), Optional.of(answers1.id())),
        new ToolExecution(c2, asks12.id(), Optional.empty(), Optional.empty()),
        new ToolExecution(c3, asks3.id(), Optional.of(r3), Optional.of(answers3.id())));
    assertThat(executions.get(1).isOrphan()).isTrue();
    assertThat(executions.get(2).result().orElseThrow().error()).isTrue();
  }

  @Test
  void aCallIdReusedOnEveryTurnIsPairedTurnByTurn() {
    ChatSession s = newSession();
    ToolCall turn1 = new ToolCall("call_0", "search", "{\"q\":\"rome\"}");
    ToolCall turn2 = new ToolCall("call_0", "search", "{\"q\":\"paris\"}");
    ToolCall turn3 = new ToolCall("call_0", "weather", "{\"city\":\"paris\"}");
    ToolResult answer1 = ToolResult.success("call_0", "search", "{\"hits\":1}");
    ToolResult answer3 = ToolResult.success("call_0", "weather", "{\"celsius\":12}");

    Message asks1 = store().append(s.id(), Fixtures.assistantCalling(turn1));
    Message answers1 = store().append(s.id(), NewMessage.tool(answer1));
    Message asks2 = store().append(s.id(), Fixtures.assistantCalling(turn2)); // cut off: never answered
    Message asks3 = store().append(s.id(), Fixtures.assistantCalling(turn3));
    Message answers3 = store().append(s.id(), NewMessage.tool(answer3));

    assertThat(store().toolExecutions(s.id())).containsExactly(
        new ToolExecution(turn1, asks1.id(), Optional.of(answer1), Optional.of(answers1.id())),
        new ToolExecution(turn2, asks2.id(), Optional.empty(), Optional.empty()),
        new ToolExecution(turn3, asks3.id(), Optional.of(answer3), Optional.of(answers3.id())));
  }

  @Test
  void aResultAfterTheNextCallWithTheSameIdAnswersThatCallOnly() {
    ChatSession s = newSession();
    ToolCall first = new ToolCall("call_0", "lookup", "{\"n\":1}");
    ToolCall second = new ToolCall("call_0", "lookup", "{\"n\":2}");
    Message asksFirst = store().append(s.id(), Fixtures.assistantCalling(first));
    Message asksSecond = store().append(s.id(), Fixtures.assistantCalling(second));
    Message answer = store().append(s.id(), Fixtures.toolAnswer("call_0", "lookup"));
    Message late = store().append(s.id(), Fixtures.toolAnswer("call_0", "lookup"));

    List<ToolExecution> executions = store().toolExecutions(s.id());

    assertThat(executions).hasSize(2);
    assertThat(executions.get(0).callMessageId()).isEqualTo(asksFirst.id());
    assertThat(executions.get(0).isOrphan()).isTrue();
    assertThat(executions.get(1).callMessageId()).isEqualTo(asksSecond.id());
    assertThat(executions.get(1).resultMessageId()).contains(answer.id());
    assertThat(executions).noneMatch(e -> e.resultMessageId().equals(Optional.of(late.id())));
  }

  @Test
  void theFirstAnswerToACallWinsAndStrayAnswersAreIgnored() {
    ChatSession s = newSession();
    ToolCall c = Fixtures.call("call_x", "lookup");
    Message asks = store().append(s.id(), Fixtures.assistantCalling(c));
    Message first = store().append(s.id(), Fixtures.toolAnswer("call_x", "lookup"));
    store().append(s.id(), NewMessage.tool(ToolResult.success("call_x", "lookup", "{\"answer\":\"late\"}")));
    store().append(s.id(), Fixtures.toolAnswer("call_nobody_made", "lookup"));

    assertThat(store().toolExecutions(s.id())).containsExactly(
        new ToolExecution(c, asks.id(), first.toolResult(), Optional.of(first.id())));
  }

  @Test
  void aSessionWithoutCallsHasNone() {
    ChatSession s = newSession();
    assertThat(store().toolExecutions(s.id())).isEmpty();
    store().append(s.id(), NewMessage.user("hi"));
    store().append(s.id(), Fixtures.toolAnswer("call_1", "t"));
    assertThat(store().toolExecutions(s.id())).isEmpty();
  }

  @Test
  void callsOfAStreamedMessageCount() {
    ChatSession s = newSession();
    ToolCall c = Fixtures.call("call_s", "calc");
    String asks;
    try (MessageStream stream = store().openStream(s.id(), Role.ASSISTANT)) {
      asks = stream.messageId();
      stream.append("computing").addToolCall(c);
      stream.complete();
    }
    assertThat(store().toolExecutions(s.id())).containsExactly(
        new ToolExecution(c, asks, Optional.empty(), Optional.empty()));

    Message answer = store().append(s.id(), Fixtures.toolAnswer("call_s", "calc"));
    assertThat(store().toolExecutions(s.id())).containsExactly(
        new ToolExecution(c, asks, answer.toolResult(), Optional.of(answer.id())));
  }

  @Test
  void callsComeInSeqOrderEvenWhenAnsweredOutOfOrder() {
    ChatSession s = newSession();
    ToolCall a = Fixtures.call("a", "t");
    ToolCall b = Fixtures.call("b", "t");
    ToolCall c = Fixtures.call("c", "t");
    store().appendAll(s.id(), List.of(
        Fixtures.assistantCalling(a, b),
        Fixtures.toolAnswer("b", "t"),
        Fixtures.assistantCalling(c),
        Fixtures.toolAnswer("c", "t"),
        Fixtures.toolAnswer("a", "t")));

    List<ToolExecution> executions = store().toolExecutions(s.id());

    assertThat(executions).extracting(e -> e.call().id()).containsExactly("a", "b", "c");
    assertThat(executions).noneMatch(ToolExecution::isOrphan);
    assertThat(executions.get(0).result().orElseThrow().callId()).isEqualTo("a");
  }

  @Test
  void unknownSessionThrows() {
    assertSessionNotFound(() -> store().toolExecutions("no-such-session"), "no-such-session");
  }
}
