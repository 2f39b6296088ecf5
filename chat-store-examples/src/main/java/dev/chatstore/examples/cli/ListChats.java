package dev.chatstore.examples.cli;

import dev.chatstore.InvalidInputException;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionSummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code list} / {@code --list-chats}: the user's chats, most recently updated first, a page at a
 * time, each with when it was created and last updated (or deleted), and its conversation key if it
 * has one; {@code --deleted} lists the trash instead. A page that has more after it ends with the
 * command that shows the next one ({@code --after CURSOR}).
 */
final class ListChats implements Command {
  static final int DEFAULT_LIMIT = 20;

  @Override
  public void run(CliContext context, CliArgs args) {
    args.allowOnly("list", Set.of("list-chats", "limit", "after", "deleted"));
    int extra = args.has("list-chats") ? 0 : 1;
    if (args.words().size() > extra) {
      throw new CliException(ExitCode.USAGE, "'list' takes no arguments, got '" + args.words().get(extra) + "'");
    }
    int limit = args.number("limit", DEFAULT_LIMIT, 1, PageRequest.MAX_LIMIT);
    Optional<String> after = args.option("after");
    boolean deleted = args.has("deleted");
    Page<SessionSummary> page;
    try {
      page = deleted
          ? DeletedChats.page(context.store(), context.manager().ownerId(), limit, after)
          : context.manager().list(after.map(c -> PageRequest.from(c, limit)).orElse(PageRequest.first(limit)));
    } catch (InvalidInputException e) {
      if (!e.field().equals("cursor")) {
        throw e;
      }
      throw new CliException(ExitCode.INVALID_VALUE, "--after takes a cursor that 'chat list' printed, was '"
          + Text.snippet(after.orElse(""), 40) + "'");
    }
    PrintStream out = context.out();
    if (page.items().isEmpty()) {
      out.println(empty(context, deleted, after.isPresent()));
      return;
    }
    out.printf("%-36s  %-16s  %-16s  %5s  %s%n", "ID", "CREATED (UTC)", deleted ? "DELETED (UTC)" : "UPDATED (UTC)",
        "MSGS", "TITLE");
    for (SessionSummary s : page.items()) {
      out.printf("%-36s  %-16s  %-16s  %5d  %s%s%n", s.id(), Text.time(s.createdAt()),
          Text.time(deleted ? s.deletedAt().orElseThrow() : s.updatedAt()), s.messageCount(),
          Text.snippet(Text.title(s.title()), 60), s.key().map(k -> "  [key " + Text.snippet(k, 40) + "]").orElse(""));
    }
    page.nextCursor().ifPresent(cursor -> out.println("(more chats: " + next(args, deleted, cursor) + ")"));
  }

  private static String empty(CliContext context, boolean deleted, boolean afterACursor) {
    if (afterACursor) {
      return deleted ? "No more deleted chats." : "No more chats.";
    }
    return deleted ? "No deleted chats." : EmptyList.message(context);
  }

  // The command line that shows the next page: the same folder, owner, trash and page size.
  private static String next(CliArgs args, boolean deleted, String cursor) {
    List<String> words = new ArrayList<>(List.of("chat"));
    for (String option : List.of("dir", "owner")) {
      args.option(option).ifPresent(value -> words.addAll(List.of("--" + option, Text.shellWord(value))));
    }
    words.add("list");
    if (deleted) {
      words.add("--deleted");
    }
    args.option("limit").ifPresent(limit -> words.addAll(List.of("--limit", Text.shellWord(limit))));
    words.addAll(List.of("--after", cursor));
    return String.join(" ", words);
  }
}
