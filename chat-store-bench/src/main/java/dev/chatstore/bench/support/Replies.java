package dev.chatstore.bench.support;

import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * A model's reply streamed into a store the way a host's token loop does it: open the stream, append
 * each token (4 chars) as it arrives, complete. {@code paceNanos} 0 appends at full speed; otherwise
 * the loop waits that long before each token, as it would for a model. The result is checked, so a
 * lost token fails the benchmark rather than speeding it up. Stateless.
 */
public final class Replies {
  private Replies() {}

  /** Streams one reply of {@code tokens} tokens into {@code sessionId} with the default flush policy. */
  public static void stream(SessionStore store, String sessionId, int tokens, long paceNanos, StreamRecorder recorder) {
    MessageStream stream = store.openStream(sessionId, Role.ASSISTANT);
    ReplyTrace trace = recorder.trace(stream.messageId(), tokens);
    for (int i = 0; i < tokens; i++) {
      if (paceNanos > 0) {
        LockSupport.parkNanos(paceNanos);
      }
      String token = Texts.token(i);
      if (trace != null) {
        trace.token(token.length());
      }
      stream.append(token);
    }
    Message done = stream.complete();
    if (trace != null) {
      trace.done();
    }
    check(done.content().length(), tokens);
    recorder.finished(trace);
  }

  /** Runs {@code replies} tasks on {@code pool} at once and waits for all; a failure fails the call. */
  public static void concurrently(ExecutorService pool, int replies, ReplyTask task) {
    List<Future<?>> running = new ArrayList<>(replies);
    for (int i = 0; i < replies; i++) {
      int index = i;
      running.add(pool.submit(() -> {
        task.run(index);
        return null;
      }));
    }
    try {
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a reply failed", e.getCause());
    }
  }

  /** One reply of a concurrent round, numbered from 0. */
  @FunctionalInterface
  public interface ReplyTask {
    void run(int index) throws Exception;
  }

  static void check(int chars, int tokens) {
    if (chars != tokens * Texts.TOKEN_CHARS) {
      throw new IllegalStateException("the reply holds " + chars + " chars, expected " + tokens * Texts.TOKEN_CHARS);
    }
  }
}
