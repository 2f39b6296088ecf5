package dev.chatstore.examples;

import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.Page;
import dev.chatstore.Part;
import dev.chatstore.SessionStore;
import dev.chatstore.TextPart;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints a session's conversation page by page, the way a chat window would load it: a line per
 * message, its parts in order (other than text, as {@link PartText} labels them), then its tool calls
 * and every tool result.
 */
final class Transcript {
  private Transcript() {}

  static void print(SessionStore store, String sessionId, PrintStream out) {
    Page<Message> page = store.messages(sessionId, MessageQuery.earliest(50));
    while (true) {
      for (Message m : page.items()) {
        out.println(line(m));
      }
      if (page.nextCursor().isEmpty()) {
        return;
      }
      page = store.messages(sessionId, MessageQuery.from(page.nextCursor().get(), 50));
    }
  }

  static String line(Message m) {
    String role = m.role() + m.name().map(n -> " (" + n + ")").orElse("");
    StringBuilder line = new StringBuilder()
        .append(String.format("#%d %-9s [%s] ", m.seq(), role, m.status()))
        .append(says(m.parts()));
    for (ToolCall call : m.toolCalls()) {
      line.append(" -> calls ").append(call.toolName()).append(PartText.arguments(call))
          .append(" (").append(call.id()).append(')');
    }
    String separator = "";
    for (ToolResult r : m.toolResults()) {
      line.append(separator).append(r.error() ? "error of " : "result of ").append(r.callId()).append(": ")
          .append(PartText.output(r));
      separator = "; ";
    }
    return line.toString();
  }

  // Consecutive text parts are the one text they are; other parts stand apart from it.
  private static String says(List<Part> parts) {
    StringBuilder text = new StringBuilder();
    Part previous = null;
    for (Part part : parts) {
      boolean joined = part instanceof TextPart && previous instanceof TextPart;
      if (previous != null && !joined) {
        text.append(' ');
      }
      text.append(PartText.piece(part));
      previous = part;
    }
    return text.toString();
  }
}
