package dev.chatstore.testkit.crash;

import dev.chatstore.FlushPolicy;
import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionStore;
import dev.chatstore.StreamOptions;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The child JVM's side of the harness: opens the store through the backend's {@link StoreFactory}
 * and does its {@link ChildTask}, printing one line per acknowledged step, only after the call that
 * made it durable returned (a line is a promise the test then checks). Arguments: the task, the
 * factory's class name, the location. A failure ends the JVM with a stack trace on stderr.
 */
final class CrashChild {
  /** Starts every report, so that anything else the store prints on stdout is not taken for one. */
  static final String PREFIX = "chat-store-child ";
  static final String SESSION = "SESSION";
  static final String ACK = "ACK";
  static final String STREAM = "STREAM";
  static final String FLUSHED = "FLUSHED";
  static final String OPEN = "OPEN";
  static final String CLOSED = "CLOSED";

  /** Nothing is written but by the explicit flushes: a large buffer and a long delay. */
  private static final FlushPolicy EXPLICIT_FLUSHES_ONLY =
      FlushPolicy.defaults().withMaxBufferedChars(1 << 20).withMaxDelay(Duration.ofHours(1));

  private CrashChild() {}

  public static void main(String[] args) throws IOException {
    Reporter out = new Reporter();
    ChildTask task = ChildTask.valueOf(args[0]);
    SessionStore store = factory(args[1]).open(args[2]);
    switch (task) {
      case APPEND -> append(store, out);
      case STREAM -> stream(store, out);
      case STREAM_CHANNELS -> streamChannels(store, out);
      case HOLD -> hold(store, out);
    }
  }

  /** A new instance of the named factory; fails naming what the class lacks. */
  static StoreFactory factory(String className) {
    try {
      Class<? extends StoreFactory> type =
          Class.forName(className, true, CrashChild.class.getClassLoader()).asSubclass(StoreFactory.class);
      return type.getConstructor().newInstance();
    } catch (ClassNotFoundException | ClassCastException | NoSuchMethodException | IllegalAccessException
        | InstantiationException e) {
      throw new IllegalArgumentException(className
          + " must be a public class implementing StoreFactory with a public no-argument constructor", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the constructor of " + className + " failed", e.getCause());
    }
  }

  private static String newSession(SessionStore store, Reporter out) {
    String id = store.createSession(NewSession.forOwner(Plan.OWNER).title("killed mid-write").build()).id();
    out.report(SESSION + " " + id);
    return id;
  }

  private static void append(SessionStore store, Reporter out) {
    String session = newSession(store, out);
    for (int t = 0; ; t++) {
      List<NewMessage> turn = Plan.turn(t);
      List<Message> stored = turn.size() == 1 ? List.of(store.append(session, turn.get(0)))
          : store.appendAll(session, turn);
      stored.forEach(m -> out.report(ACK + " " + m.seq() + " " + m.id()));
    }
  }

  private static void stream(SessionStore store, Reporter out) {
    String session = newSession(store, out);
    MessageStream stream = store.openStream(session, StreamOptions.assistant().withFlushPolicy(EXPLICIT_FLUSHES_ONLY));
    out.report(STREAM + " " + stream.messageId());
    int length = 0;
    for (int i = 0; ; i++) {
      String chunk = Plan.chunk(i);
      stream.append(chunk);
      length += chunk.length();
      if ((i + 1) % Plan.CHUNKS_PER_FLUSH == 0) {
        stream.flush();
        out.report(FLUSHED + " " + length);
      }
    }
  }

  private static void streamChannels(SessionStore store, Reporter out) {
    String session = newSession(store, out);
    MessageStream stream = store.openStream(session, StreamOptions.assistant().withFlushPolicy(EXPLICIT_FLUSHES_ONLY));
    out.report(STREAM + " " + stream.messageId());
    int textLength = 0;
    int reasoningLength = 0;
    for (int i = 0; ; i++) {
      String thought = Plan.reasoningChunk(i);
      String chunk = Plan.chunk(i);
      stream.appendReasoning(thought).append(chunk);
      reasoningLength += thought.length();
      textLength += chunk.length();
      if ((i + 1) % Plan.CHUNKS_PER_FLUSH == 0) {
        stream.signReasoning(Plan.signature(i / Plan.CHUNKS_PER_FLUSH));
        stream.flush();
        out.report(FLUSHED + " " + textLength + " " + reasoningLength);
      }
    }
  }

  /**
   * Writes each report whole, newline included, in one write to stdout (atomic on a pipe), so that a
   * kill can cut a report only before it, never inside; the parent drops an unterminated last line.
   */
  private static final class Reporter {
    private final FileOutputStream out = new FileOutputStream(FileDescriptor.out);

    void report(String line) {
      try {
        out.write((PREFIX + line + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("could not report to the parent", e);
      }
    }
  }

  private static void hold(SessionStore store, Reporter out) throws IOException {
    try (store; BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      out.report(OPEN);
      while (in.readLine() != null) {
        // the parent closes stdin to let the store go
      }
    }
    out.report(CLOSED);
  }
}
