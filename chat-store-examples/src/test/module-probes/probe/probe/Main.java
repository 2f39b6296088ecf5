package probe;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolExecution;
import dev.chatstore.ToolResult;
import dev.chatstore.file.FileSessionStore;
import dev.chatstore.jdbc.JdbcSessionStore;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.spi.Ids;
import dev.chatstore.transfer.ExportFormat;
import dev.chatstore.transfer.SessionExporter;
import java.nio.file.Path;

/**
 * Runs one short conversation (a user message, a streamed reply with a tool call, the tool's result)
 * on an H2 store in args[0] and a file store in args[1], reopens each and prints what it reads back.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    String h2Chat;
    try (SessionStore store = JdbcSessionStore.h2(Path.of(args[0]))) {
      h2Chat = converse(store);
    }
    try (SessionStore store = JdbcSessionStore.h2(Path.of(args[0]))) {
      print("h2", store, h2Chat);
    }
    String fileChat;
    try (SessionStore store = FileSessionStore.open(Path.of(args[1]))) {
      fileChat = converse(store);
    }
    try (SessionStore store = FileSessionStore.open(Path.of(args[1]))) {
      print("file", store, fileChat);
    }
  }

  private static String converse(SessionStore store) {
    ChatSession chat = store.createSession(NewSession.forOwner("probe").id(Ids.next()).title("Module path").build());
    store.append(chat.id(), NewMessage.user("Hello from the module path"));
    try (MessageStream reply = store.openStream(chat.id(), Role.ASSISTANT)) {
      reply.append("Looking ");
      reply.addToolCall(new ToolCall("call-1", "lookup", "{\"q\":\"modules\"}"));
      reply.append("it up");
      reply.complete(MessageMetadata.builder().model("probe-model").usage(5, 3).build());
    }
    store.append(chat.id(), NewMessage.tool(ToolResult.success("call-1", "lookup", "{\"found\":true}")));
    return chat.id();
  }

  private static void print(String backend, SessionStore store, String chatId) {
    for (Message m : store.messages(chatId, MessageQuery.earliest(10)).items()) {
      System.out.println(backend + " " + m.seq() + " " + m.role() + " " + m.status() + " '" + m.content() + "' "
          + m.metadata().model().orElse("-"));
    }
    for (ToolExecution execution : store.toolExecutions(chatId)) {
      System.out.println(backend + " tool " + execution.call().toolName() + " " + execution.call().argumentsJson()
          + " -> " + execution.result().map(ToolResult::outputJson).orElse("none"));
    }
    String export = SessionExporter.of(store).exportToString(chatId, ExportFormat.JSONL);
    System.out.println(backend + " export " + export.lines().count() + " lines");
  }
}
