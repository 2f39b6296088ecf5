package dev.chatstore.examples.cli;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.PageRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code search TEXT}: messages of the user's chats containing the text, newest first. */
final class SearchChats implements Command {
  static final int DEFAULT_LIMIT = 20;

  @Override
  public void run(CliContext context, CliArgs args) {
    args.allowOnly("search", Set.of("limit"));
    List<String> words = args.words();
    String text = String.join(" ", words.subList(1, words.size()));
    if (text.isBlank()) {
      throw new CliException(ExitCode.MISSING_ARGUMENT, "'search' needs the text to look for: chat search TEXT");
    }
    int limit = args.number("limit", DEFAULT_LIMIT, 1, PageRequest.MAX_LIMIT);
    List<Message> hits = context.manager().search(text, PageRequest.first(limit)).items();
    if (hits.isEmpty()) {
      context.out().println("No messages contain \"" + Text.oneLine(text) + "\".");
      return;
    }
    Map<String, String> titles = new HashMap<>();
    for (Message m : hits) {
      String title = titles.computeIfAbsent(m.sessionId(),
          id -> context.store().findSession(id).map(ChatSession::title).map(Text::title).orElse("?"));
      context.out().println(m.sessionId() + "  [" + m.seq() + "] " + Text.role(m.role()) + "  "
          + Text.snippet(title, 30) + "  " + Text.snippet(m.content(), 80));
    }
  }
}
