package dev.chatstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
  void interruptedReplyIsKeptAfterRestart() throws Exception {
    String printed = run(InterruptedReply::main);

    String reloaded = printed.substring(printed.indexOf("-- after restart"));
    assertThat(reloaded)
        .contains("#2 ASSISTANT [INTERRUPTED] Once upon a time, in a land of endless tokens, there")
        .contains("last message is INTERRUPTED");
  }

  private interface ThrowingMain {
    void run(String[] args) throws Exception;
  }
}
