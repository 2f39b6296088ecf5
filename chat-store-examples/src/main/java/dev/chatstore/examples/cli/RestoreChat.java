package dev.chatstore.examples.cli;

import java.util.Set;

/** {@code restore ID}: takes a chat out of the trash, back into lists, search and resuming. */
final class RestoreChat implements Command {
  @Override
  public void run(CliContext context, CliArgs args) {
    args.allowOnly("restore", Set.of());
    String chatId = args.single("restore", "chat id", "chat restore ID");
    if (!context.manager().get(chatId).isDeleted()) {
      context.out().println("Chat " + chatId + " is not deleted; nothing to restore");
      return;
    }
    context.manager().restore(chatId);
    context.out().println("Restored chat " + chatId);
  }
}
