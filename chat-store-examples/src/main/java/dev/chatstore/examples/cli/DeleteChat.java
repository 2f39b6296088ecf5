package dev.chatstore.examples.cli;

import java.util.List;
import java.util.Set;

/** {@code delete ID}: moves a chat to the trash (a soft delete; the store can restore it). */
final class DeleteChat implements Command {
  @Override
  public void run(CliContext context, CliArgs args) {
    args.allowOnly("delete", Set.of());
    List<String> words = args.words();
    if (words.size() < 2) {
      throw new CliException(ExitCode.MISSING_ARGUMENT, "'delete' needs a chat id: chat delete ID");
    }
    if (words.size() > 2) {
      throw new CliException(ExitCode.USAGE, "'delete' takes one chat id, got more: '" + words.get(2) + "'");
    }
    context.manager().delete(words.get(1));
    context.out().println("Deleted chat " + words.get(1));
  }
}
