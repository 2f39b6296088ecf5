package dev.chatstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatstore.MediaPart;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each example program as a user would and checks what it prints. */
class ExamplesTest {
  @TempDir Path dir;

  private String run(ThrowingMain main) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      main.run(new String[] {dir.resolve("chats").toString()});
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void quickStartReloadsTheWholeConversationWithItsToolCall() throws Exception {
    String printed = run(QuickStart::main);

    String reloaded = printed.substring(printed.indexOf("-- reopened"));
    assertThat(reloaded)
        .contains("3 messages")
        .contains("#1 USER      [COMPLETE] What's the weather in Paris? ☔")
        .contains("#2 ASSISTANT [COMPLETE] Let me check the forecast. It is raining in Paris, 12 °C. Take an umbrella! ☂️"
            + " -> calls weather{\"city\":\"Paris\"} (call-1)")
        .contains("#3 TOOL      [COMPLETE] result of call-1: {\"celsius\":12,\"sky\":\"rain\"}")
        .doesNotContain("INTERRUPTED");
  }

  @Test
  void theAuditLogHasOneJsonLinePerCallWithItsOwner() throws Exception {
    String printed = run(AuditLogToFile::main);

    List<JsonNode> lines = printed.lines().map(AuditLogLines::parse).toList();
    assertThat(lines).extracting(l -> l.get("operation").asText())
        .containsExactly("CREATE_SESSION", "APPEND", "APPEND", "MESSAGES", "FIND_SESSION");
    assertThat(lines.subList(0, 4)).allSatisfy(l -> assertThat(l.get("owner").asText()).isEqualTo("alice"));
    assertThat(lines.get(3).get("items").asInt()).isEqualTo(2);
    assertThat(lines.get(4).get("items").asInt()).isZero();
    assertThat(lines).allSatisfy(l -> assertThat(l.get("outcome").asText()).isEqualTo("OK"));
  }

  @Test
  void interruptedReplyIsKeptAfterRestart() throws Exception {
    String printed = run(InterruptedReply::main);

    String reloaded = printed.substring(printed.indexOf("-- after restart"));
    assertThat(reloaded)
        .contains("#2 ASSISTANT [INTERRUPTED] Once upon a time, in a land of endless tokens, there")
        .contains("last message is INTERRUPTED");
  }

  @Test
  void aMultimodalTurnWithTwoToolResultsReadsBackWholeAfterRestart() throws Exception {
    String printed = run(MultimodalTurn::main);

    String reloaded = printed.substring(printed.indexOf("-- reopened"));
    assertThat(reloaded)
        .contains("#1 USER (alice) [COMPLETE] What plant is this, and will it survive on my balcony in Zurich?"
            + " [image: balcony.png, image/png, 12 bytes inline]")
        .contains("#2 ASSISTANT [COMPLETE] Let me identify it and check the forecast.")
        .contains("identify_plant{\"image\":\"balcony.png\"} (call_1)")
        .contains("forecast{\"city\":\"Zurich\",\"days\":7} (call_2)")
        .contains("#3 TOOL      [COMPLETE] result of call_1: {\"confidence\":0.93,\"species\":\"Ficus lyrata\"};"
            + " result of call_2: (text) Mon 4°C rain")
        .contains("#4 ASSISTANT [COMPLETE] [reasoning, signed: A fiddle-leaf fig; nights below 10°C harm it.]"
            + " It is a fiddle-leaf fig. With frost forecast this week, bring it inside.")
        .contains("signature kept exactly: EqQBCkYIAxgCIkD-demo");
  }

  @Test
  void theTranscriptShowsPartsAndEveryToolResultAsTheCliDoes() {
    try (SessionStore store = SessionStore.inMemory()) {
      String id = store.createSession(NewSession.forOwner("demo-user").build()).id();
      store.appendAll(id, List.of(
          NewMessage.builder(Role.USER).content("What is this?")
              .part(MediaPart.inline("image/png", new byte[2048]).withFileName("cat.png")).name("alice").build(),
          NewMessage.builder(Role.ASSISTANT).part(ReasoningPart.signed("Looks like a cat.", "sig-not-printed"))
              .part(Part.text("A cat.")).toolCall(new ToolCall("c1", "vision", "{\"q\": broken")).build(),
          NewMessage.tool(List.of(ToolResult.success("c0", "vision", "{\"species\":\"cat\"}"),
              ToolResult.textFailure("c1", "vision", "bad arguments")))));
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      Transcript.print(store, id, new PrintStream(out, true, StandardCharsets.UTF_8));

      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
          "#1 USER (alice) [COMPLETE] What is this? [image: cat.png, image/png, 2,048 bytes inline]\n"
          + "#2 ASSISTANT [COMPLETE] [reasoning, signed: Looks like a cat.] A cat. -> calls vision{\"q\": broken"
          + " [malformed, as sent] (c1)\n"
          + "#3 TOOL      [COMPLETE] result of c0: {\"species\":\"cat\"}; error of c1: (text) bad arguments\n");
    }
  }

  private interface ThrowingMain {
    void run(String[] args) throws Exception;
  }
}
