package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolExecution;
import dev.chatstore.ToolResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tool turns of model v2: a TOOL message carrying several results, each paired with its call; text
 * outputs kept exactly (NUL, non-BMP, JSON-looking text never made canonical); arguments a model
 * sent malformed kept as text and flagged, through every read, a fork and a reopen.
 */
public abstract class ToolResultsContract extends ContractArea {

  protected ToolResultsContract(SessionStoreContract contract) {
    super(contract);
  }

  /** Text outputs a careless store changes: NUL, non-BMP, edge whitespace, JSON it would reformat, none. */
  static List<String> exactTexts() {
    return List.of(
        "nul \u0000 in the middle\u0000",
        "emoji 👋🏽 math 𝕳𝖊𝖑𝖑𝖔 cjk-ext 𠜎 clef 𝄞",
        "{ \"looks\": \"like JSON\",  \"b\": 1 }",
        "\"a JSON string\"",
        "  leading and trailing  \r\n",
        "",
        "'; DROP TABLE messages; --");
  }

  /** An assistant turn of three calls and one TOOL message answering all three, in another order. */
  private record Turn(Message calls, Message results) {}

  private Turn threeCallsAnsweredAtOnce(String sessionId) {
    Message calls = store().append(sessionId, Fixtures.assistantCalling(
        Fixtures.call("c1", "weather"), Fixtures.call("c2", "read_file"), Fixtures.call("c3", "fetch")));
    Message results = store().append(sessionId, NewMessage.tool(List.of(
        ToolResult.textFailure("c3", "fetch", "HTTP 404 \u0000 not found 😞"),
        ToolResult.success("c1", "weather", "{\"tempC\": 21.50, \"sky\": \"clear\"}"),
        ToolResult.text("c2", "read_file", "line 1\nline 2 𝄞\n"))));
    return new Turn(calls, results);
  }

  @Test
  void aToolMessageKeepsSeveralResultsInOrder() {
    ChatSession s = newSession();
    Turn turn = threeCallsAnsweredAtOnce(s.id());

    Message read = store().getMessage(s.id(), turn.results().id());
    assertThat(read).isEqualTo(turn.results());
    assertThat(read.toolResults()).extracting(ToolResult::callId).containsExactly("c3", "c1", "c2");
    assertThat(read.toolResults()).extracting(ToolResult::format).containsExactly(
        ToolResult.OutputFormat.TEXT, ToolResult.OutputFormat.JSON, ToolResult.OutputFormat.TEXT);
    assertThat(read.toolResults()).extracting(ToolResult::error).containsExactly(true, false, false);
    assertThat(read.toolResults().get(1).output()).isEqualTo("{\"sky\":\"clear\",\"tempC\":21.50}");
    assertThat(read.toolResult()).contains(read.toolResults().get(0));
    assertThat(allMessages(s.id()).get(1)).isEqualTo(read);
  }

  @Test
  void toolExecutionsPairEveryResultOfOneMessageWithItsCall() {
    ChatSession s = newSession();
    Turn turn = threeCallsAnsweredAtOnce(s.id());
    Message lone = store().append(s.id(), Fixtures.assistantCalling(Fixtures.call("c4", "noop")));

    List<ToolExecution> executions = store().toolExecutions(s.id());

    assertThat(executions).extracting(e -> e.call().id()).containsExactly("c1", "c2", "c3", "c4");
    for (ToolExecution e : executions.subList(0, 3)) {
      assertThat(e.callMessageId()).isEqualTo(turn.calls().id());
      assertThat(e.resultMessageId()).contains(turn.results().id());
      assertThat(e.result().map(ToolResult::callId)).contains(e.call().id());
    }
    assertThat(executions.get(1).result().map(ToolResult::output)).contains("line 1\nline 2 𝄞\n");
    assertThat(executions.get(3).isOrphan()).isTrue();
    assertThat(executions.get(3).callMessageId()).isEqualTo(lone.id());
  }

  @Test
  void textOutputsAreKeptExactlyAndNeverTakenForJson() {
    ChatSession s = newSession();
    List<ToolResult> results = new ArrayList<>();
    for (int i = 0; i < exactTexts().size(); i++) {
      results.add(ToolResult.text("t" + i, "shell", exactTexts().get(i)));
    }
    Message m = store().append(s.id(), NewMessage.tool(results));
    Message json = store().append(s.id(), NewMessage.tool(ToolResult.success("j", "shell", "\"a JSON string\"")));

    List<ToolResult> read = store().getMessage(s.id(), m.id()).toolResults();
    for (int i = 0; i < exactTexts().size(); i++) {
      String text = exactTexts().get(i);
      assertThat(read.get(i).output()).as("output \"%s\"", printable(text)).isEqualTo(text);
      assertThat(read.get(i).format()).isEqualTo(ToolResult.OutputFormat.TEXT);
    }
    assertThat(read).isEqualTo(results);
    ToolResult readJson = store().getMessage(s.id(), json.id()).toolResults().get(0);
    assertThat(readJson.format()).isEqualTo(ToolResult.OutputFormat.JSON);
    assertThat(readJson.output()).isEqualTo("\"a JSON string\"");
  }

  @Test
  void malformedArgumentsAreKeptFlaggedAndStillPaired() {
    ChatSession s = newSession();
    List<String> broken = List.of("{\"city\": \"Par", "", "  {'single': 1}  ", "{} trailing", "nul \u0000 😀 {");
    List<ToolCall> calls = new ArrayList<>();
    for (int i = 0; i < broken.size(); i++) {
      calls.add(new ToolCall("b" + i, "weather", broken.get(i)));
    }
    calls.add(new ToolCall("ok", "weather", "{ \"city\": \"Paris\" }"));
    Message asked = store().append(s.id(), NewMessage.builder(Role.ASSISTANT).toolCalls(calls).build());
    Message answered = store().append(s.id(), NewMessage.tool(ToolResult.textFailure("b0", "weather",
        "arguments were not JSON")));

    Message read = store().getMessage(s.id(), asked.id());
    assertThat(read.toolCalls()).isEqualTo(calls);
    assertThat(read.toolCalls()).extracting(ToolCall::malformed).containsExactly(true, true, true, true, true, false);
    assertThat(read.toolCalls()).extracting(ToolCall::argumentsJson)
        .containsExactly("{\"city\": \"Par", "", "  {'single': 1}  ", "{} trailing", "nul \u0000 😀 {",
            "{\"city\":\"Paris\"}");
    assertThat(allMessages(s.id()).get(0)).isEqualTo(read);
    List<ToolExecution> executions = store().toolExecutions(s.id());
    assertThat(executions).extracting(ToolExecution::call).isEqualTo(calls);
    assertThat(executions.get(0).resultMessageId()).contains(answered.id());
    assertThat(executions.get(1).isOrphan()).isTrue();
  }

  @Test
  void aForkCopiesSeveralResultsTextOutputsAndMalformedCalls() {
    ChatSession s = newSession();
    store().append(s.id(), PartFixtures.everything());
    Turn turn = threeCallsAnsweredAtOnce(s.id());

    ChatSession fork = store().fork(s.id(), turn.results().id());

    List<Message> copies = allMessages(fork.id());
    List<Message> originals = allMessages(s.id());
    for (int i = 0; i < copies.size(); i++) {
      assertThat(copies.get(i).toolCalls()).isEqualTo(originals.get(i).toolCalls());
      assertThat(copies.get(i).toolResults()).isEqualTo(originals.get(i).toolResults());
    }
    assertThat(copies.get(0).toolCalls().get(1).malformed()).isTrue();
    List<ToolExecution> executions = store().toolExecutions(fork.id());
    assertThat(executions).extracting(e -> e.resultMessageId().isPresent())
        .containsExactly(false, false, true, true, true);
    assertThat(executions.get(2).resultMessageId()).contains(copies.get(2).id());
  }

  @Test
  void toolTurnsComeBackAfterAReopen() {
    requires(StoreCapability.REOPEN);
    ChatSession s = newSession();
    store().append(s.id(), PartFixtures.everything());
    threeCallsAnsweredAtOnce(s.id());
    List<Message> before = allMessages(s.id());
    List<ToolExecution> executionsBefore = store().toolExecutions(s.id());

    SessionStore reopened = reopen();

    assertThat(allMessages(reopened, s.id())).isEqualTo(before);
    assertThat(reopened.toolExecutions(s.id())).isEqualTo(executionsBefore);
    assertThat(reopened.getMessage(s.id(), before.get(0).id()).toolCalls().get(1).malformed()).isTrue();
    assertThat(reopened.getMessage(s.id(), before.get(2).id()).toolResults())
        .extracting(ToolResult::format).contains(ToolResult.OutputFormat.TEXT, ToolResult.OutputFormat.JSON);
    assertThat(reopened.getMessage(s.id(), before.get(2).id()).toolResults()).hasSize(3);
  }
}
