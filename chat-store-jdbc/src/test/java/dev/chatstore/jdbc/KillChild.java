package dev.chatstore.jdbc;

import dev.chatstore.ChatSession;
import dev.chatstore.FlushPolicy;
import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.StreamOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process {@link KillTest} and {@link PostgresKillTest} kill: opens {@code JdbcSessionStore.h2(folder)}
 * (or, for a target starting with {@code jdbc:postgresql:}, that PostgreSQL database as user postgres)
 * and writes until it is killed, printing on stdout each write the store acknowledged, after it returned.
 *
 * <pre>
 *   append &lt;target&gt;  prints "session &lt;id&gt;", then "ack &lt;message id&gt;" per append
 *   stream &lt;target&gt;  prints "session &lt;id&gt;", "message &lt;id&gt;", then "flushed &lt;length&gt;" per flush
 * </pre>
 */
public final class KillChild {
  private KillChild() {}

  /** The text the stream writes: chunk i is {@link #chunk(int)}, so any prefix can be checked. */
  static String chunk(int i) {
    return "chunk-" + i + " 😀\u0000|";
  }

  /** The stream's text from its start, at least {@code length} chars of it. */
  static String textOfAtLeast(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < length; i++) {
      text.append(chunk(i));
    }
    return text.toString();
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    JdbcSessionStore store = args[1].startsWith("jdbc:postgresql:")
        ? JdbcSessionStore.builder().url(args[1], "postgres", "").open()
        : JdbcSessionStore.h2(Path.of(args[1]));
    ChatSession session = store.createSession(NewSession.forOwner("killed").title("kill test").build());
    out.println("session " + session.id());
    if (args[0].equals("append")) {
      for (int i = 0; ; i++) {
        Message m = store.append(session.id(), NewMessage.user("message " + i));
        out.println("ack " + m.id());
      }
    }
    // a long delay and buffer: nothing is written but by the explicit flushes
    FlushPolicy explicitOnly = FlushPolicy.defaults().withMaxBufferedChars(1 << 20).withMaxDelay(Duration.ofHours(1));
    MessageStream stream = store.openStream(session.id(), StreamOptions.assistant().withFlushPolicy(explicitOnly));
    out.println("message " + stream.messageId());
    int length = 0;
    for (int i = 0; ; i++) {
      String chunk = chunk(i);
      stream.append(chunk);
      length += chunk.length();
      if (i % 3 == 2) {
        stream.flush();
        out.println("flushed " + length);
      }
    }
  }
}
