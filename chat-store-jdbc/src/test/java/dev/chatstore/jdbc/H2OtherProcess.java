package dev.chatstore.jdbc;

import dev.chatstore.ChatSession;
import dev.chatstore.FlushPolicy;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.StreamOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The other process of {@link H2SharedProcessesTest}: a JVM that opens an H2 folder and does what its
 * standard input tells it, one command a line, answering on standard output once each is done.
 *
 * <pre>
 *   args: exclusive|shared FOLDER    opens h2(FOLDER) or h2Builder(FOLDER).shareWithOtherProcesses(); "open"
 *   write       a session with one message and an open stream with flushed text: "session ID", "message ID"
 *   count ID    "count N": the messages session ID holds
 *   complete    completes the stream: "completed"
 *   close       closes the store and exits: "closed"
 * </pre>
 */
public final class H2OtherProcess {
  private H2OtherProcess() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path folder = Path.of(args[1]);
    JdbcSessionStore store = args[0].equals("shared")
        ? JdbcSessionStore.h2Builder(folder).shareWithOtherProcesses().open()
        : JdbcSessionStore.h2(folder);
    out.println("open");
    MessageStream stream = null;
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] command = line.split(" ");
      switch (command[0]) {
        case "write" -> {
          ChatSession s = store.createSession(NewSession.forOwner("o").title("from the other process").build());
          store.append(s.id(), NewMessage.user("written by the other process"));
          stream = store.openStream(s.id(), StreamOptions.assistant().withFlushPolicy(
              FlushPolicy.defaults().withMaxBufferedChars(1 << 20).withMaxDelay(Duration.ofHours(1))));
          stream.append("streaming ").flush();
          out.println("session " + s.id());
          out.println("message " + stream.messageId());
        }
        case "count" -> out.println("count " + store.getSession(command[1]).messageCount());
        case "complete" -> {
          stream.append("done").complete();
          out.println("completed");
        }
        case "close" -> {
          store.close();
          out.println("closed");
          return;
        }
        default -> throw new IllegalArgumentException("unknown command " + line);
      }
    }
  }
}
