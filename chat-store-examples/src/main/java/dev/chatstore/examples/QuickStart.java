package dev.chatstore.examples;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionStore;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.jdbc.JdbcSessionStore;
import dev.chatstore.metadata.MessageMetadata;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The main demo: a host's chat loop on the embedded default (an H2 file database). A user asks, the
 * simulated model streams a reply, calls a tool mid-stream, the host records the tool's result, the
 * model finishes; then a second store instance (a restart) reads the conversation back.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -Pdemo verify} (data goes to {@code ./chat-store-demo-data},
 * or the folder given as the first argument).
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) {
    Path folder = Path.of(args.length > 0 ? args[0] : "chat-store-demo-data");
    String sessionId;
    try (SessionStore store = JdbcSessionStore.h2(folder)) {
      sessionId = chat(store);
    }
    System.out.println("-- reopened from " + folder.toAbsolutePath() + " --");
    try (SessionStore store = JdbcSessionStore.h2(folder)) {
      ChatSession session = store.getSession(sessionId);
      System.out.println("session " + session.id() + " \"" + session.title() + "\", "
          + session.messageCount() + " messages");
      Transcript.print(store, sessionId, System.out);
    }
  }

  /** One turn with a tool call; returns the session id. */
  static String chat(SessionStore store) {
    ChatSession session = store.createSession(
        NewSession.forOwner("demo-user").title("Weather in Paris").build());
    store.append(session.id(), NewMessage.user("What's the weather in Paris? ☔"));

    MessageMetadata model = MessageMetadata.builder().model("simulated-1").build();
    Message reply;
    try (MessageStream stream = store.openStream(session.id(), StreamOptions.assistant().withMetadata(model))) {
      // The id exists before the first token: a host puts it in its SSE events.
      System.out.println("streaming message " + stream.messageId());
      for (String token : SimulatedModel.tokens("Let me check the forecast. ")) {
        stream.append(token);
      }
      ToolCall call = new ToolCall("call-1", "weather", "{\"city\":\"Paris\"}");
      stream.addToolCall(call);
      stream.flush(); // durable now: a refresh or a crash keeps the call

      store.append(session.id(), NewMessage.tool(
          ToolResult.success(call.id(), "weather", "{\"sky\":\"rain\",\"celsius\":12}")));

      for (String token : SimulatedModel.tokens("It is raining in Paris, 12 °C. Take an umbrella! ☂️")) {
        stream.append(token);
      }
      reply = stream.complete(model.toBuilder().usage(42, 17).finishReason("stop")
          .latency(Duration.ofMillis(850)).build());
    }
    System.out.println("stored " + reply.status() + " reply at seq " + reply.seq());
    return session.id();
  }
}
