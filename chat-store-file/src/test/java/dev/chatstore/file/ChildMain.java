package dev.chatstore.file;

import dev.chatstore.FlushPolicy;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.StreamOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the child JVMs of the crash and lock tests run: writes to a store and prints each
 * acknowledged write on stdout, until the parent kills it. Not a test itself.
 *
 * <pre>
 * append FOLDER SESSION   appends forever (single and batches), printing "ACK id content END" per message
 * stream FOLDER SESSION   streams one reply, printing "FLUSHED content-so-farEND" after each flush
 * hold FOLDER             opens the store, prints "OPEN", closes it when stdin closes
 * </pre>
 */
public final class ChildMain {
  private ChildMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path folder = Path.of(args[1]);
    switch (args[0]) {
      case "append" -> append(folder, args[2], out);
      case "stream" -> stream(folder, args[2], out);
      case "hold" -> hold(folder, out);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void append(Path folder, String session, PrintStream out) {
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      for (int i = 0; ; i++) {
        if (i % 5 == 4) {
          List<NewMessage> batch = List.of(NewMessage.user("batch " + i + " a"), NewMessage.assistant("batch " + i + " b"));
          store.appendAll(session, batch);
          batch.forEach(m -> out.println("ACK " + m.id() + " " + m.content() + " END"));
        } else {
          NewMessage m = NewMessage.user("message " + i + " ✓ 😀");
          store.append(session, m);
          out.println("ACK " + m.id() + " " + m.content() + " END");
        }
      }
    }
  }

  private static void stream(Path folder, String session, PrintStream out) {
    FileSessionStore store = FileSessionStore.open(folder);
    // flushes only when asked, so what is printed is exactly what was acknowledged
    FlushPolicy manual = FlushPolicy.defaults().withMaxBufferedChars(1 << 20).withMaxDelay(Duration.ofHours(1));
    MessageStream stream = store.openStream(session, StreamOptions.assistant().withFlushPolicy(manual));
    out.println("STREAM " + stream.messageId());
    StringBuilder acknowledged = new StringBuilder();
    for (int i = 0; ; i++) {
      String chunk = "chunk " + i + "; ";
      stream.append(chunk);
      stream.flush();
      acknowledged.append(chunk);
      out.println("FLUSHED " + acknowledged + "END");
    }
  }

  private static void hold(Path folder, PrintStream out) throws Exception {
    try (FileSessionStore store = FileSessionStore.open(folder);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      out.println("OPEN " + store.folder());
      while (in.readLine() != null) {
        // wait for the parent to close stdin
      }
    }
    out.println("CLOSED");
  }
}
