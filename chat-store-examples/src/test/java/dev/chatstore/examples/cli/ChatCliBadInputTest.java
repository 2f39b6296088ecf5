package dev.chatstore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input: its own exit code, one line on stderr, nothing on stdout. */
class ChatCliBadInputTest {
  @TempDir
  Path tmp;

  private Cli cli;
  private String chatId;

  @BeforeEach
  void oneChat() {
    cli = new Cli(tmp.resolve("data"));
    chatId = cli.newChat("the only chat");
  }

  @Test
  void unknownCommandsAndOptions() {
    refused(ExitCode.USAGE, "unknown command 'frobnicate'", "frobnicate");
    refused(ExitCode.USAGE, "unknown option --colour", "list", "--colour", "red");
    refused(ExitCode.USAGE, "'list' does not take --fresh-ids", "list", "--fresh-ids");
    refused(ExitCode.USAGE, "takes no value", "list", "--latest=yes");
    refused(ExitCode.USAGE, "given twice", "list", "--limit", "1", "--limit", "2");
    refused(ExitCode.USAGE, "takes one chat id", "delete", chatId, "extra");
    refused(ExitCode.USAGE, "takes one chat id", "restore", chatId, "extra");
    refused(ExitCode.USAGE, "'restore' does not take --deleted", "restore", chatId, "--deleted");
  }

  @Test
  void missingArguments() {
    refused(ExitCode.MISSING_ARGUMENT, "'show' needs a chat id", "show");
    refused(ExitCode.MISSING_ARGUMENT, "'rename' needs a chat id and a title", "rename");
    refused(ExitCode.MISSING_ARGUMENT, "needs a title", "rename", chatId);
    refused(ExitCode.MISSING_ARGUMENT, "'delete' needs a chat id", "delete");
    refused(ExitCode.MISSING_ARGUMENT, "'restore' needs a chat id", "restore");
    refused(ExitCode.MISSING_ARGUMENT, "--after needs a value", "list", "--after");
    refused(ExitCode.MISSING_ARGUMENT, "'export' needs a chat id", "export");
    refused(ExitCode.MISSING_ARGUMENT, "'import' needs a file", "import");
    refused(ExitCode.MISSING_ARGUMENT, "'search' needs the text", "search");
    refused(ExitCode.MISSING_ARGUMENT, "'send' needs a message", "send");
    refused(ExitCode.MISSING_ARGUMENT, "--chat-id needs a value", "--chat-id");
    refused(ExitCode.MISSING_ARGUMENT, "--format needs a value", "export", chatId, "--format");
  }

  @Test
  void unknownIds() {
    String unknown = "0190f1f2-0000-7000-8000-000000000000";
    for (String[] args : new String[][] {{"show", unknown}, {"rename", unknown, "x"}, {"delete", unknown}, {"restore", unknown},
        {"export", unknown}, {"--chat-id", unknown}, {"--chat-id", unknown, "hello"}, {"send", "--chat-id", unknown, "hi"}}) {
      refused(ExitCode.UNKNOWN_ID, "no chat or message with id '" + unknown + "'", args);
    }
  }

  @Test
  void hostileIds() {
    for (String id : new String[] {"../../etc/passwd", "a/b", "..", ".hidden", "CON", "nul.txt", "x".repeat(129),
        "semi;colon", "new\nline", "\u0000"}) {
      refused(ExitCode.INVALID_ID, "invalid id", "show", id);
      refused(ExitCode.INVALID_ID, "invalid id", "--chat-id", id, "hello");
      refused(ExitCode.INVALID_ID, "invalid id", "export", id);
      refused(ExitCode.INVALID_ID, "invalid id", "restore", id);
    }
    refused(ExitCode.INVALID_VALUE, "--owner", "--owner", "bad\u0007owner", "list");
  }

  @Test
  void badFiles() throws IOException {
    refused(ExitCode.FILE_NOT_READABLE, "cannot read", "import", tmp.resolve("missing.json").toString());
    refused(ExitCode.FILE_NOT_READABLE, "cannot read", "import", tmp.toString());
    Path garbage = Files.writeString(tmp.resolve("garbage.json"), "this is not json");
    refused(ExitCode.BAD_FILE, "garbage.json is not a valid chat-store export", "import", garbage.toString());
    Path md = tmp.resolve("chat.md");
    Files.writeString(md, cli.run("export", chatId, "--format", "md").out());
    refused(ExitCode.BAD_FILE, "not a valid chat-store export", "import", md.toString());
    Path truncated = tmp.resolve("cut.jsonl");
    String jsonl = cli.run("export", chatId, "--format", "jsonl").out();
    Files.writeString(truncated, jsonl.substring(0, jsonl.lastIndexOf('\n', jsonl.length() - 2) + 1));
    refused(ExitCode.BAD_FILE, "cut short", "import", truncated.toString(), "--fresh-ids");
    Path hostile = Files.writeString(tmp.resolve("hostile.jsonl"), "{\"chat\":{\"id\":\"../../x\",\"ownerId\":\"o\"},"
        + "\"format\":\"chat-store-session\",\"formatVersion\":1}\n");
    refused(ExitCode.BAD_FILE, "chat.id", "import", hostile.toString());
  }

  @Test
  void conflictsAndInvalidValues() {
    cli.run("delete", chatId);
    refused(ExitCode.CONFLICT, "deleted", "--chat-id", chatId, "hello again");
    refused(ExitCode.INVALID_VALUE, "--page must be a whole number", "show", chatId, "--page", "two");
    refused(ExitCode.INVALID_VALUE, "past the last page", "show", chatId, "--page", "7");
    refused(ExitCode.INVALID_VALUE, "--limit must be a whole number from 1", "list", "--limit", "0");
    refused(ExitCode.INVALID_VALUE, "--format must be json, jsonl or md", "export", chatId, "--format", "xml");
    refused(ExitCode.INVALID_VALUE, "--metadata is for --format md", "export", chatId, "--metadata");
  }

  @Test
  void aDataFolderThatIsAFile() throws IOException {
    Path file = Files.writeString(tmp.resolve("plain-file"), "x");
    Cli.Result r = Cli.runRaw("--dir", file.toString(), "list");
    assertThat(r.code()).isEqualTo(ExitCode.INVALID_VALUE.code());
    assertThat(r.err()).contains("is not a directory");
  }

  @Test
  void anUnwritableOutputSaysWhy() throws IOException {
    Path missing = tmp.resolve("no/such/folder");
    refused(ExitCode.OUTPUT_NOT_WRITABLE, "could not write " + missing.resolve("out.json") + ": folder " + missing
        + " does not exist", "export", chatId, "--output", missing.resolve("out.json").toString());
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    refused(ExitCode.OUTPUT_NOT_WRITABLE, ": " + file + " is not a folder", "export", chatId, "--output",
        file.resolve("out.json").toString());
    Path folder = Files.createDirectories(tmp.resolve("a-folder.json"));
    refused(ExitCode.OUTPUT_NOT_WRITABLE, "could not write " + folder + ": it is a folder", "export", chatId,
        "--output", folder.toString());
  }

  @Test
  void everyExitCodeIsDistinct() {
    assertThat(java.util.Arrays.stream(ExitCode.values()).map(ExitCode::code).distinct().count())
        .isEqualTo(ExitCode.values().length);
  }

  private void refused(ExitCode code, String messagePart, String... args) {
    Cli.Result r = cli.run(args);
    String shown = String.join(" ", args).replace("\u0000", "\\0");
    assertThat(r.code()).as("exit code of: %s (stderr: %s)", shown, r.err()).isEqualTo(code.code());
    assertThat(r.err()).as("stderr of: %s", shown).startsWith("chat: ").contains(messagePart).endsWith("\n");
    assertThat(r.err().lines()).as("one line for: %s", shown).hasSize(1);
    assertThat(r.out()).as("stdout of: %s", shown).isEmpty();
  }
}
