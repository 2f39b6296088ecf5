package dev.chatstore.examples;

import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.Page;
import dev.chatstore.SessionStore;
import dev.chatstore.ToolCall;
import java.io.PrintStream;

/** Prints a session's conversation page by page, the way a chat window would load it. */
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
    StringBuilder line = new StringBuilder()
        .append(String.format("#%d %-9s [%s] ", m.seq(), m.role(), m.status()))
        .append(m.content());
    for (ToolCall call : m.toolCalls()) {
      line.append(" -> calls ").append(call.toolName()).append(call.argumentsJson())
          .append(" (").append(call.id()).append(')');
    }
    m.toolResult().ifPresent(r -> line.append("result of ").append(r.callId()).append(": ").append(r.outputJson()));
    return line.toString();
  }
}
