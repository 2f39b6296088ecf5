package dev.chatstore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export and import through the CLI, between two data folders. */
class ChatCliExportImportTest {
  @TempDir
  Path tmp;

  @Test
  void exportImportAndExportAgainGiveTheSameBytes() throws IOException {
    Cli here = new Cli(tmp.resolve("here"));
    Cli there = new Cli(tmp.resolve("there"));
    String id = here.newChat("Trip to Kyoto 🇯🇵: temples, food and trains");
    here.run("--chat-id", id, "What about \"ramen\"?\nAnd sushi?");
    for (String format : new String[] {"json", "jsonl"}) {
      Path file = tmp.resolve("chat." + format);
      Cli.Result exported = here.run("export", id, "--output", file.toString());
      assertThat(exported.code()).as(exported.err()).isZero();
      assertThat(exported.out()).contains("Exported chat " + id + " (4 messages)").contains("as " + format);

      Cli.Result imported = there.run("import", file.toString(), format.equals("json") ? "--fresh-ids" : "--replace");
      assertThat(imported.code()).as(imported.err()).isZero();
      assertThat(imported.out()).contains("4 messages");
    }
    Path again = tmp.resolve("again.jsonl");
    there.run("export", id, "--output", again.toString());
    assertThat(Files.readString(again)).isEqualTo(Files.readString(tmp.resolve("chat.jsonl")));
    assertThat(there.run("list").out()).contains("Trip to Kyoto").contains(id);
  }

  @Test
  void exportToStdoutInEachFormat() {
    Cli cli = new Cli(tmp);
    String id = cli.newChat("Hello export");
    Cli.Result json = cli.run("export", id);
    assertThat(json.out()).startsWith("{\"chat\":{\"id\":\"" + id + "\"").endsWith("]}\n");
    Cli.Result jsonl = cli.run("export", id, "--format", "jsonl");
    assertThat(jsonl.out().lines()).hasSize(3);
    Cli.Result md = cli.run("export", id, "--format", "md", "--metadata");
    assertThat(md.out()).startsWith("# Hello export").contains("## 2 · Assistant").contains("echo-simulator");
  }

  @Test
  void importingAnExistingChatConflictsUnlessReplacedOrCopied() throws IOException {
    Cli cli = new Cli(tmp.resolve("data"));
    String id = cli.newChat("Original");
    Path file = tmp.resolve("original.json");
    Files.writeString(file, cli.run("export", id).out(), StandardCharsets.UTF_8);

    Cli.Result conflict = cli.run("import", file.toString());
    assertThat(conflict.code()).isEqualTo(ExitCode.CONFLICT.code());
    assertThat(conflict.err()).contains(id).contains("already exists");

    Cli.Result copy = cli.run("import", file.toString(), "--fresh-ids");
    assertThat(copy.code()).isZero();
    assertThat(copy.out()).doesNotContain(id);

    cli.run("--chat-id", id, "said after the export");
    Cli.Result replaced = cli.run("import", file.toString(), "--replace");
    assertThat(replaced.out()).contains("replacing");
    assertThat(cli.run("show", id).out()).contains("2 messages").doesNotContain("said after");
  }

  @Test
  void replaceNeverTouchesAnotherUsersChatAndImportsACopyWithNewIds() throws IOException {
    Cli cli = new Cli(tmp.resolve("data"));
    String bobs = cli.run("--owner", "bob", "new", "Bob's").startedId();
    cli.run("--owner", "bob", "--chat-id", bobs, "said after the export");
    String bobSees = cli.run("--owner", "bob", "show", bobs).out();
    Path file = tmp.resolve("bob.json");
    Files.writeString(file, cli.run("--owner", "bob", "export", bobs).out());

    for (String[] options : new String[][] {{}, {"--replace"}}) {
      List<String> args = new ArrayList<>(List.of("--owner", "alice", "import", file.toString()));
      args.addAll(List.of(options));
      Cli.Result r = cli.run(args.toArray(String[]::new));
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("with new ids").doesNotContain(bobs).doesNotContain("replacing");
    }
    assertThat(cli.run("--owner", "bob", "show", bobs).out()).isEqualTo(bobSees);
    assertThat(cli.run("--owner", "alice", "list").out()).contains("Bob's").doesNotContain(bobs);
  }
}
