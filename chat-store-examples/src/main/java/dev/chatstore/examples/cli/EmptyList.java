package dev.chatstore.examples.cli;

import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionSummary;

/** What to say when the user has no chats to list: none at all, or only deleted ones. */
final class EmptyList {
  private EmptyList() {}

  static String message(CliContext context) {
    // called when no chat is live, so every chat this lists is a deleted one
    Page<SessionSummary> all = DeletedChats.all(context.store(), context.manager().ownerId(), PageRequest.MAX_LIMIT);
    if (all.items().isEmpty()) {
      return "No chats yet. Start one with: chat new \"your first message\"";
    }
    String count = (all.hasNext() ? "more than " : "") + all.items().size();
    return "No chats; " + count + " deleted (list them with: chat list --deleted; restore one with: chat restore ID)";
  }
}
