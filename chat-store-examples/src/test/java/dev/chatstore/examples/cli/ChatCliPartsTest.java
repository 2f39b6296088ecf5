package dev.chatstore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.ForwardingSessionStore;
import dev.chatstore.MediaPart;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.UnknownPart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show} and {@code list} over a chat with parts, several tool results and a key. Run over an
 * in-memory store the CLI is handed for every command: what they print does not depend on the
 * backend, and the in-memory store keeps every part.
 */
class ChatCliPartsTest {
  @TempDir
  Path dir;

  private final SessionStore store = SessionStore.inMemory();
  private String chatId;

  @BeforeEach
  void chat() {
    ChatSession chat = store.createSession(NewSession.forOwner(ChatCli.DEFAULT_OWNER).title("Cat picture")
        .key("user-42:support").build());
    chatId = chat.id();
    store.appendAll(chatId, List.of(
        NewMessage.builder(Role.USER).content("What is this?")
            .part(MediaPart.inline("image/png", new byte[2048]).withFileName("cat.png"))
            .part(MediaPart.reference("application/pdf", "https://example.com/Zürich notes.pdf"))
            .name("alice").build(),
        NewMessage.builder(Role.ASSISTANT)
            .part(ReasoningPart.signed("A small animal.\nProbably a cat.", "sig-not-printed"))
            .part(Part.text("A cat."))
            .part(new UnknownPart("sticker", Map.of("id", "42")))
            .toolCall(new ToolCall("c1", "vision", "{\"q\":\"species\"}"))
            .toolCall(new ToolCall("c2", "vision", "{\"q\": broken"))
            .build(),
        NewMessage.tool(List.of(ToolResult.success("c1", "vision", "{\"species\":\"cat\"}"),
            ToolResult.textFailure("c2", "vision", "bad \"arguments\"")))));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void showPrintsEveryPartInOrderAndEveryResult() {
    Cli.Result r = run("show", chatId);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("key user-42:support\n")
        .contains("] user (alice) · ")
        .contains("    What is this?\n"
            + "    [image: cat.png, image/png, 2,048 bytes inline]\n"
            + "    [file: https://example.com/Zürich notes.pdf, application/pdf]\n")
        .contains("    [reasoning, signed]\n"
            + "    | A small animal.\n"
            + "    | Probably a cat.\n"
            + "    A cat.\n"
            + "    [part of type sticker, not shown]\n"
            + "    -> tool call vision {\"q\":\"species\"}\n"
            + "    -> tool call vision {\"q\": broken [malformed, as sent]\n")
        .contains("    <- tool result vision (c1) {\"species\":\"cat\"}\n"
            + "    <- tool error vision (c2) (text) bad \"arguments\"\n")
        .doesNotContain("sig-not-printed")
        .doesNotContain("AAAA");
  }

  @Test
  void listShowsWhenEachChatWasCreatedAndItsKey() {
    Cli.Result r = run("list");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("ID                                    CREATED (UTC)     UPDATED (UTC)      MSGS  TITLE\n")
        .containsPattern(chatId + "  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d      3  "
            + "Cat picture  \\[key user-42:support]\n");
  }

  @Test
  void importingACopyOfAKeyedChatBesideItIsAConflictNamingTheKey() {
    Path export = dir.resolve("cat.jsonl");
    assertThat(run("export", chatId, "--output", export.toString()).code()).isZero();

    Cli.Result r = run("import", export.toString(), "--fresh-ids");

    assertThat(r.code()).isEqualTo(ExitCode.CONFLICT.code());
    assertThat(r.err()).startsWith("chat: ").contains("user-42:support").contains(chatId);
    assertThat(run("list").out().lines().filter(l -> l.contains("Cat picture"))).hasSize(1);
  }

  private Cli.Result run(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("--dir", dir.toString()));
    all.addAll(List.of(args));
    return Cli.runOver(folder -> new Shared(store), all.toArray(String[]::new));
  }

  /** The test's store, which the CLI closes after each command and the test after all of them. */
  private static final class Shared extends ForwardingSessionStore {
    Shared(SessionStore store) {
      super(store);
    }

    @Override
    public void close() {}
  }
}
