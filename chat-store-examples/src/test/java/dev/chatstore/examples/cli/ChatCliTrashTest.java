package dev.chatstore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** delete, the trash ({@code list --deleted}) and restore, through the CLI. */
class ChatCliTrashTest {
  @TempDir
  Path dir;

  @Test
  void aDeletedChatCanBeListedAndRestoredAndThenResumed() {
    Cli cli = new Cli(dir);
    String id = cli.newChat("a chat to lose and find");
    assertThat(cli.run("delete", id).out()).contains("Deleted chat " + id).contains("chat restore " + id);

    Cli.Result resumed = cli.run("--chat-id", id, "hello again");
    assertThat(resumed.code()).isEqualTo(ExitCode.CONFLICT.code());
    assertThat(resumed.err()).contains("chat " + id + " is deleted; restore it first: chat restore " + id);

    Cli.Result trash = cli.run("list", "--deleted");
    assertThat(trash.code()).as(trash.err()).isZero();
    assertThat(trash.out()).startsWith("ID ").contains("DELETED (UTC)").contains(id).contains("a chat to lose and find");

    Cli.Result restored = cli.run("restore", id);
    assertThat(restored.code()).as(restored.err()).isZero();
    assertThat(restored.out()).isEqualTo("Restored chat " + id + "\n");
    assertThat(cli.run("list").out()).contains(id);
    assertThat(cli.run("list", "--deleted").out()).isEqualTo("No deleted chats.\n");
    assertThat(cli.run("--chat-id", id, "hello again").out()).contains("assistant> Echo: hello again");
    assertThat(cli.run("search", "lose and find").out()).contains(id);
    assertThat(cli.run("restore", id).out()).contains("is not deleted; nothing to restore");
  }

  @Test
  void anEmptyListSaysWhenChatsAreOnlyDeleted() {
    Cli cli = new Cli(dir);
    assertThat(cli.run("list").out()).contains("No chats yet");
    String one = cli.newChat("one");
    String two = cli.newChat("two");
    cli.run("delete", one);
    cli.run("delete", two);
    for (String[] args : new String[][] {{"list"}, {"--list-chats"}, {"--latest"}}) {
      Cli.Result r = cli.run(args);
      assertThat(r.code()).isZero();
      assertThat(r.out()).as(String.join(" ", args)).doesNotContain("yet")
          .startsWith("No chats; 2 deleted (list them with: chat list --deleted; restore one with: chat restore ID)");
    }
  }

  @Test
  void theTrashPagesOverDeletedChatsOnly() {
    Cli cli = new Cli(dir);
    List<String> deleted = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      String id = cli.newChat("chat " + i);
      if (i % 2 == 1) { // 1, 3, 5, 7, 9: live chats between the deleted ones
        deleted.add(id);
      }
    }
    for (String id : deleted) {
      cli.run("delete", id);
    }
    List<String> seen = new ArrayList<>();
    List<String> pages = ListPages.follow(cli, "list", "--deleted", "--limit", "2");
    assertThat(pages).hasSize(3);
    for (String page : pages) {
      seen.addAll(ListPages.ids(page));
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(deleted).doesNotHaveDuplicates();
    assertThat(pages.get(2)).doesNotContain("more chats");
    // exactly a page's worth left: no cursor to an empty page
    assertThat(ListPages.follow(cli, "list", "--deleted", "--limit", "5")).hasSize(1);
  }
}
