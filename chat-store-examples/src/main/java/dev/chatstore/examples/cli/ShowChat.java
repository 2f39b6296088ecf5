package dev.chatstore.examples.cli;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.TextPart;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.examples.PartText;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code show ID}: one chat, a page of messages at a time (the last page unless --page says otherwise).
 * A message shows its parts in order (reasoning marked and quoted with {@code |}, media and other
 * parts labelled as {@link PartText} labels them), its tool calls and every tool result.
 */
final class ShowChat implements Command {
  static final int DEFAULT_PAGE_SIZE = 20;

  @Override
  public void run(CliContext context, CliArgs args) {
    args.allowOnly("show", Set.of("page", "page-size"));
    String chatId = args.single("show", "chat id", "chat show ID");
    show(context, context.manager().get(chatId), args);
  }

  /** Prints the chat's header and one page: page {@code --page} (1 is the oldest), else the last. */
  static void show(CliContext context, ChatSession chat, CliArgs args) {
    int size = args.number("page-size", DEFAULT_PAGE_SIZE, 1, MessageQuery.MAX_LIMIT);
    long pages = Math.max(1, (chat.messageCount() + size - 1) / size);
    int page = args.number("page", (int) Math.min(pages, Integer.MAX_VALUE), 1, Integer.MAX_VALUE);
    if (page > pages) {
      throw new CliException(ExitCode.INVALID_VALUE, "--page " + page + " is past the last page (" + pages + ")");
    }
    PrintStream out = context.out();
    out.println("# " + Text.title(chat.title()));
    out.println("id " + chat.id() + " · " + chat.messageCount() + " messages · updated "
        + Text.time(chat.updatedAt()) + " UTC" + (chat.isDeleted() ? " · deleted" : ""));
    chat.forkedFrom().ifPresent(f -> out.println("forked from " + f.sessionId() + " after message " + f.messageId()));
    chat.key().ifPresent(k -> out.println("key " + Text.snippet(k, 200)));
    // seqs run 1..n without gaps, so page p starts after seq (p-1)*size: one query, no cursor walk
    List<Message> messages = context.store()
        .messages(chat.id(), MessageQuery.afterSeq((long) (page - 1) * size, size)).items();
    for (Message m : messages) {
      out.println();
      print(out, m);
    }
    out.println();
    out.println("-- page " + page + " of " + pages + (page > 1 ? " · older: --page " + (page - 1) : "")
        + (page < pages ? " · newer: --page " + (page + 1) : ""));
  }

  static void print(PrintStream out, Message m) {
    String status = m.status() == MessageStatus.COMPLETE ? "" : " (" + m.status().name().toLowerCase(java.util.Locale.ROOT) + ")";
    String name = m.name().map(n -> " (" + Text.snippet(n, 60) + ")").orElse("");
    out.println("[" + m.seq() + "] " + Text.role(m.role()) + name + status + " · " + Text.time(m.createdAt()));
    StringBuilder text = new StringBuilder(); // consecutive text parts are the one text they are
    for (Part part : m.parts()) {
      if (part instanceof TextPart t) {
        text.append(t.text());
        continue;
      }
      lines(out, "    ", text.toString());
      text.setLength(0);
      if (part instanceof ReasoningPart r) {
        out.println("    [" + PartText.reasoning(r) + "]");
        lines(out, "    | ", r.text());
      } else {
        out.println("    " + Text.snippet(PartText.piece(part), 200));
      }
    }
    lines(out, "    ", text.toString());
    for (ToolCall call : m.toolCalls()) {
      out.println("    -> tool call " + call.toolName() + " " + Text.snippet(PartText.arguments(call), 200));
    }
    for (ToolResult r : m.toolResults()) {
      out.println("    <- " + (r.error() ? "tool error " : "tool result ") + r.toolName()
          + (m.toolResults().size() > 1 ? " (" + r.callId() + ")" : "") + " " + Text.snippet(PartText.output(r), 200));
    }
  }

  // Text as its lines under the heading, each after the indent; nothing for no text.
  private static void lines(PrintStream out, String indent, String text) {
    if (text.isEmpty()) {
      return;
    }
    for (String line : text.replace('\u0000', ' ').split("\r?\n", -1)) {
      out.println(indent + line);
    }
  }
}
