package dev.chatstore.examples.cli;

import java.util.Set;

/** {@code delete ID}: moves a chat to the trash (a soft delete; the store can restore it). */
final class DeleteChat implements Command {
  @Override
  public void run(CliContext context, CliArgs args) {
    args.allowOnly("delete", Set.of());
    String chatId = args.single("delete", "chat id", "chat delete ID");
    context.manager().delete(chatId);
    context.out().println("Deleted chat " + chatId + " (restore it with: chat restore " + chatId + ")");
  }
}
