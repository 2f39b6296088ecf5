package dev.chatstore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --owner runs every command on that owner's view of the store: another owner's chat is an unknown id. */
class ChatCliOwnerViewTest {
  private static final String UNKNOWN = "0190f1f2-0000-7000-8000-000000000000";
  private static final String ID = "{id}";

  @TempDir
  Path tmp;

  @Test
  void everyCommandTakingAChatIdAnswersAnotherOwnersIdAsAnUnknownOne() {
    Cli cli = new Cli(tmp);
    String bobs = cli.run("--owner", "bob", "new", "bob's secret").startedId();
    String bobSees = cli.run("--owner", "bob", "show", bobs).out();
    List<List<String>> commands = List.of(
        List.of("show", ID), List.of("send", "--chat-id", ID, "hello"), List.of("--chat-id", ID, "hello"),
        List.of("--chat-id", ID), List.of("rename", ID, "mine now"), List.of("delete", ID), List.of("restore", ID),
        List.of("export", ID), List.of("export", ID, "--format", "md"));

    for (List<String> command : commands) {
      Cli.Result unknown = cli.run(asAlice(command, UNKNOWN));
      Cli.Result others = cli.run(asAlice(command, bobs));

      assertThat(others.code()).as("%s", command).isEqualTo(ExitCode.UNKNOWN_ID.code());
      assertThat(others.code()).as("%s", command).isEqualTo(unknown.code());
      assertThat(others.err()).as("%s", command).isEqualTo(unknown.err().replace(UNKNOWN, bobs));
      assertThat(others.out()).as("%s", command).isEqualTo(unknown.out());
    }
    assertThat(cli.run("--owner", "bob", "show", bobs).out()).isEqualTo(bobSees);
    assertThat(cli.run("--owner", "alice", "list").out()).contains("No chats yet");
  }

  private static String[] asAlice(List<String> command, String id) {
    List<String> args = new ArrayList<>(List.of("--owner", "alice"));
    command.forEach(word -> args.add(word.equals(ID) ? id : word));
    return args.toArray(String[]::new);
  }
}
