package dev.chatstore.examples.cli;

import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionSummary;
import java.io.PrintStream;
import java.util.Set;

/** {@code list} / {@code --list-chats}: the user's chats, most recently updated first. */
final class ListChats implements Command {
  static final int DEFAULT_LIMIT = 20;

  @Override
  public void run(CliContext context, CliArgs args) {
    args.allowOnly("list", Set.of("list-chats", "limit"));
    int extra = args.has("list-chats") ? 0 : 1;
    if (args.words().size() > extra) {
      throw new CliException(ExitCode.USAGE, "'list' takes no arguments, got '" + args.words().get(extra) + "'");
    }
    int limit = args.number("limit", DEFAULT_LIMIT, 1, PageRequest.MAX_LIMIT);
    Page<SessionSummary> page = context.manager().list(PageRequest.first(limit));
    PrintStream out = context.out();
    if (page.items().isEmpty()) {
      out.println("No chats yet. Start one with: chat new \"your first message\"");
      return;
    }
    out.printf("%-36s  %-16s  %5s  %s%n", "ID", "UPDATED (UTC)", "MSGS", "TITLE");
    for (SessionSummary s : page.items()) {
      out.printf("%-36s  %-16s  %5d  %s%n", s.id(), Text.time(s.updatedAt()), s.messageCount(),
          Text.snippet(Text.title(s.title()), 60));
    }
    if (page.hasNext()) {
      out.println("(more chats: chat list --limit " + Math.min(PageRequest.MAX_LIMIT, limit * 2) + ")");
    }
  }
}
