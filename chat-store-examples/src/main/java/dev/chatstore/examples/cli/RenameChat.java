package dev.chatstore.examples.cli;

import dev.chatstore.ChatSession;
import java.util.List;
import java.util.Set;

/** {@code rename ID TITLE}: a title the user chose, which generated titles never replace. */
final class RenameChat implements Command {
  @Override
  public void run(CliContext context, CliArgs args) {
    args.allowOnly("rename", Set.of());
    List<String> words = args.words();
    if (words.size() < 2) {
      throw new CliException(ExitCode.MISSING_ARGUMENT, "'rename' needs a chat id and a title: chat rename ID TITLE");
    }
    String title = String.join(" ", words.subList(2, words.size()));
    if (title.isBlank()) {
      throw new CliException(ExitCode.MISSING_ARGUMENT, "'rename' needs a title after the chat id");
    }
    ChatSession renamed = context.manager().rename(words.get(1), title);
    context.out().println("Renamed " + renamed.id() + " to \"" + Text.title(renamed.title()) + "\"");
  }
}
