package dev.chatstore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.jdbc.JdbcSessionStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's commands doing what CLI.md says, run through its main entry. */
class ChatCliTest {
  @TempDir
  Path dir;

  private Cli cli() {
    return new Cli(dir);
  }

  @Test
  void aNewChatStreamsTheEchoReplyAndIsTitledFromTheFirstMessage() {
    Cli.Result r = cli().run("--new-chat", "Plan", "a", "weekend", "in", "Lisbon");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("you> Plan a weekend in Lisbon")
        .contains("assistant> Echo: Plan a weekend in Lisbon\n")
        .contains("\"Plan a weekend in Lisbon\" · message 2");
    try (SessionStore store = JdbcSessionStore.h2(dir)) {
      ChatSession chat = store.getSession(r.startedId());
      assertThat(chat.ownerId()).isEqualTo(ChatCli.DEFAULT_OWNER);
      List<Message> messages = store.messages(chat.id(), MessageQuery.earliest(10)).items();
      assertThat(messages).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT);
      assertThat(messages.get(1).status()).isEqualTo(MessageStatus.COMPLETE);
      assertThat(messages.get(1).metadata().model()).contains(EchoModel.MODEL);
    }
  }

  @Test
  void listShowsChatsNewestFirst() {
    Cli cli = cli();
    assertThat(cli.run("list").out()).contains("No chats yet");
    String first = cli.newChat("first chat");
    String second = cli.newChat("second chat");
    Cli.Result r = cli.run("--list-chats");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("ID ").contains("CREATED (UTC)").contains(first).contains(second);
    assertThat(r.out().indexOf(second)).isLessThan(r.out().indexOf(first));
    assertThat(cli.run("list", "--limit", "1").out()).contains(second).doesNotContain(first).contains("more chats");
  }

  @Test
  void listPagesOnWithTheCommandEachPagePrints() {
    Cli cli = cli();
    List<String> created = new java.util.ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      created.add(0, cli.newChat("chat number " + i)); // newest first, as list shows them
    }
    List<String> pages = ListPages.follow(cli, "list", "--limit", "2");
    assertThat(pages).hasSize(3);
    assertThat(pages.get(0)).endsWith(")\n").contains("(more chats: chat --dir " + dir + " list --limit 2 --after ");
    List<String> seen = new java.util.ArrayList<>();
    pages.forEach(page -> seen.addAll(ListPages.ids(page)));
    assertThat(seen).containsExactlyElementsOf(created);

    Cli.Result bad = cli.run("list", "--after", "not-a-cursor");
    assertThat(bad.code()).isEqualTo(ExitCode.INVALID_VALUE.code());
    assertThat(bad.err()).contains("--after takes a cursor that 'chat list' printed");
  }

  @Test
  void aCursorKeepsItsPlaceWhileChatsAreAdded() {
    Cli cli = cli();
    for (int i = 1; i <= 3; i++) {
      cli.newChat("older " + i);
    }
    Cli.Result first = cli.run("list", "--limit", "2");
    String cursor = first.out().replaceAll("(?s).*--after (\\S+)\\)\n", "$1");
    String newer = cli.newChat("a newer chat"); // goes to the top, not into the next page
    Cli.Result second = cli.run("list", "--limit", "2", "--after", cursor);
    assertThat(ListPages.ids(second.out())).hasSize(1).doesNotContain(newer)
        .doesNotContainAnyElementsOf(ListPages.ids(first.out()));
    assertThat(second.out()).contains("older 1").doesNotContain("more chats");
  }

  @Test
  void resumeByIdOrTheLatestSendsOrShows() {
    Cli cli = cli();
    String older = cli.newChat("older chat");
    String newer = cli.newChat("newer chat");
    Cli.Result sent = cli.run("--chat-id", older, "a follow-up");
    assertThat(sent.code()).isZero();
    assertThat(sent.out()).contains("assistant> Echo: a follow-up").contains("message 4");
    Cli.Result latest = cli.run("--latest");
    assertThat(latest.out()).contains("# older chat").contains("[3] user").contains("a follow-up");
    Cli.Result shown = cli.run("--chat-id", newer);
    assertThat(shown.out()).contains("# newer chat").contains("2 messages");
    assertThat(cli.run("send", "to the latest").out()).contains("(chat " + older);
    // after --chat-id the words are the message, even when one is a command's name
    assertThat(cli.run("--chat-id", newer, "show", "me", "the", "money").out()).contains("you> show me the money");
    assertThat(cli.run("--latest", "help").out()).contains("you> help");
    assertThat(cli.run("send", "--chat-id", newer, "to newer").out()).contains("(chat " + newer);
  }

  @Test
  void theLatestOfAnEmptyStoreStartsOneOnlyWhenThereIsSomethingToSay() {
    Cli cli = cli();
    assertThat(cli.run("--latest").out()).contains("No chats yet");
    Cli.Result r = cli.run("--latest", "hello");
    assertThat(r.out()).contains("Started chat").contains("Echo: hello");
    assertThat(cli.run("new", "--title", "Empty one").out()).contains("Started chat").doesNotContain("you>");
  }

  @Test
  void showPagesThroughALongChat() {
    String id;
    try (SessionStore store = JdbcSessionStore.h2(dir)) {
      ChatSession chat = store.createSession(dev.chatstore.NewSession.forOwner(ChatCli.DEFAULT_OWNER)
          .title("Long").build());
      for (int i = 1; i <= 45; i++) {
        store.append(chat.id(), dev.chatstore.NewMessage.user("message number " + i));
      }
      id = chat.id();
    }
    Cli cli = cli();
    Cli.Result last = cli.run("show", id, "--page-size", "10");
    assertThat(last.out()).contains("[41] user").contains("message number 45").doesNotContain("[40]")
        .contains("-- page 5 of 5 · older: --page 4");
    Cli.Result first = cli.run("show", id, "--page-size", "10", "--page", "1");
    assertThat(first.out()).contains("[1] user").contains("[10] user").doesNotContain("[11]")
        .contains("-- page 1 of 5 · newer: --page 2");
    assertThat(cli.run("show", id).out()).contains("[41] user").doesNotContain("[40]").contains("page 3 of 3");
  }

  @Test
  void searchRenameAndDelete() {
    Cli cli = cli();
    String kiwi = cli.newChat("Where do kiwis live?");
    cli.newChat("Something else");
    Cli.Result found = cli.run("search", "KIWI");
    assertThat(found.out()).contains(kiwi).contains("Where do kiwis live?");
    assertThat(cli.run("search", "mango").out()).contains("No messages contain \"mango\"");

    assertThat(cli.run("rename", kiwi, "Birds", "of", "NZ").out()).contains("Renamed " + kiwi + " to \"Birds of NZ\"");
    cli.run("--chat-id", kiwi, "more about kiwis");
    assertThat(cli.run("list").out()).contains("Birds of NZ"); // the rename sticks

    assertThat(cli.run("delete", kiwi).out()).contains("Deleted chat " + kiwi);
    assertThat(cli.run("list").out()).doesNotContain(kiwi);
    assertThat(cli.run("search", "kiwi").out()).contains("No messages");
    assertThat(cli.run("show", kiwi).out()).contains("· deleted");
  }

  @Test
  void usersSeeOnlyTheirOwnChats() {
    Cli cli = cli();
    String alices = cli.run("--owner", "alice", "new", "alice's secret").startedId();
    assertThat(cli.run("--owner", "bob", "list").out()).contains("No chats yet");
    Cli.Result r = cli.run("--owner", "bob", "show", alices);
    assertThat(r.code()).isEqualTo(ExitCode.UNKNOWN_ID.code());
    assertThat(cli.run("--owner", "bob", "export", alices).code()).isEqualTo(ExitCode.UNKNOWN_ID.code());
    assertThat(cli.run("--owner", "bob", "search", "secret").out()).contains("No messages");
  }

  @Test
  void helpAndNoArgumentsPrintUsage() {
    Cli.Result help = cli().run("help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Usage: chat").contains("--list-chats").contains("Exit codes");
    assertThat(Cli.runRaw().out()).contains("Usage: chat");
    assertThat(cli().run("--help").code()).isZero();
  }
}
