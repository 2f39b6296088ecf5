package dev.chatstore.examples;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionStore;
import dev.chatstore.jdbc.JdbcSessionStore;
import java.nio.file.Path;

/**
 * A reply cut off mid-stream (the user pressed stop, the connection dropped): what had streamed is kept
 * and marked INTERRUPTED, and after a restart the conversation shows exactly that.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -Pdemo verify -Ddemo.main=dev.chatstore.examples.InterruptedReply}
 */
public final class InterruptedReply {
  private InterruptedReply() {}

  public static void main(String[] args) {
    Path folder = Path.of(args.length > 0 ? args[0] : "chat-store-demo-data");
    String sessionId;
    try (SessionStore store = JdbcSessionStore.h2(folder)) {
      ChatSession session = store.createSession(NewSession.forOwner("demo-user").title("A long story").build());
      sessionId = session.id();
      store.append(sessionId, NewMessage.user("Tell me a long story."));
      try (MessageStream stream = store.openStream(sessionId, dev.chatstore.Role.ASSISTANT)) {
        for (String token : SimulatedModel.tokens("Once upon a time, in a land of endless tokens, there")) {
          stream.append(token);
        }
        stream.flush();
        // The host stops here: the user cancelled. try-with-resources closes the stream unfinished.
      }
    }
    System.out.println("-- after restart --");
    try (SessionStore store = JdbcSessionStore.h2(folder)) {
      Message last = store.recentMessages(sessionId, 1).get(0);
      Transcript.print(store, sessionId, System.out);
      System.out.println("last message is " + last.status());
    }
  }
}
