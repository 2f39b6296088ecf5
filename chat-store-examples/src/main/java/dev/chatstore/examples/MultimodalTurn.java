package dev.chatstore.examples;

import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.MediaPart;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.jdbc.JdbcSessionStore;
import java.nio.file.Path;
import java.util.List;

/**
 * One turn of a multimodal, tool-using chat as a host stores it: a user message with a photo, a
 * streamed reply that calls two tools in parallel, one TOOL message with both results (one JSON, one
 * plain text), and the final answer streamed with the model's signed reasoning on its own channel. After a restart
 * every part, result and signature reads back as it was given.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -Pdemo verify -Ddemo.main=dev.chatstore.examples.MultimodalTurn}
 */
public final class MultimodalTurn {
  /** The first bytes of a PNG file: what a host would have read from the upload. */
  private static final byte[] PHOTO = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

  private MultimodalTurn() {}

  public static void main(String[] args) {
    Path folder = Path.of(args.length > 0 ? args[0] : "chat-store-demo-data");
    String sessionId;
    try (SessionStore store = JdbcSessionStore.h2(folder)) {
      sessionId = store.createSession(NewSession.forOwner("demo-user").title("What plant is this?")
          .key("demo-user:plants").build()).id();
      store.append(sessionId, NewMessage.builder(Role.USER)
          .content("What plant is this, and will it survive on my balcony in Zurich?")
          .part(MediaPart.inline("image/png", PHOTO).withFileName("balcony.png"))
          .name("alice")
          .build());

      try (MessageStream reply = store.openStream(sessionId, Role.ASSISTANT)) {
        for (String token : SimulatedModel.tokens("Let me identify it and check the forecast.")) {
          reply.append(token);
        }
        reply.addToolCall(new ToolCall("call_1", "identify_plant", "{\"image\":\"balcony.png\"}"));
        reply.addToolCall(new ToolCall("call_2", "forecast", "{\"city\":\"Zurich\",\"days\":7}"));
        reply.complete();
      }
      store.append(sessionId, NewMessage.tool(List.of(
          ToolResult.success("call_1", "identify_plant", "{\"species\":\"Ficus lyrata\",\"confidence\":0.93}"),
          ToolResult.text("call_2", "forecast", "Mon 4°C rain\nTue 2°C snow\nWed -1°C clear"))));
      try (MessageStream answer = store.openStream(sessionId, Role.ASSISTANT)) {
        // Reasoning and answer arrive as two streams of deltas; each goes to its own channel.
        for (String thought : SimulatedModel.tokens("A fiddle-leaf fig; nights below 10°C harm it.")) {
          answer.appendReasoning(thought);
        }
        answer.signReasoning("EqQBCkYIAxgCIkD-demo"); // the provider's signature, sent back byte-exact
        for (String token : SimulatedModel.tokens("It is a fiddle-leaf fig. With frost forecast this week,"
            + " bring it inside.")) {
          answer.append(token);
        }
        answer.complete();
      }
    }

    System.out.println("-- reopened from " + folder + " --");
    try (SessionStore store = JdbcSessionStore.h2(folder)) {
      Message answer = store.findSessionByKey("demo-user", "demo-user:plants")
          .map(s -> store.recentMessages(s.id(), 1).get(0))
          .orElseThrow();
      Transcript.print(store, sessionId, System.out);
      ReasoningPart reasoning = (ReasoningPart) answer.parts().get(0);
      System.out.println("signature kept exactly: " + reasoning.signature().orElse("(none)"));
    }
  }
}
