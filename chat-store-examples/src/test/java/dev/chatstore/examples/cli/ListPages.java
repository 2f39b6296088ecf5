package dev.chatstore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Follows {@code chat list}'s pages by running the next-page command each page prints, as a user would. */
final class ListPages {
  private static final Pattern MORE = Pattern.compile("\\(more chats: chat (.*)\\)\n\\z");
  private static final Pattern ID = Pattern.compile("^(\\S{36})  ", Pattern.MULTILINE);

  private ListPages() {}

  /** The output of every page, from the command {@code args} to the page that prints no next command. */
  static List<String> follow(Cli cli, String... args) {
    List<String> pages = new ArrayList<>();
    Cli.Result page = cli.run(args);
    while (true) {
      assertThat(page.code()).as(page.err()).isZero();
      pages.add(page.out());
      Matcher more = MORE.matcher(page.out());
      if (!more.find()) {
        return pages;
      }
      // the printed command names the folder itself; its words have nothing a shell would unquote
      assertThat(more.group(1)).doesNotContain("'");
      page = Cli.runRaw(more.group(1).split(" "));
      assertThat(pages).as("pages before a loop").hasSizeLessThan(100);
    }
  }

  static List<String> ids(String page) {
    List<String> ids = new ArrayList<>();
    Matcher m = ID.matcher(page);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }
}
