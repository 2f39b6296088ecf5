package dev.chatstore.internal.stream;

import dev.chatstore.Message;
import dev.chatstore.UnavailableException;
import dev.chatstore.spi.StreamSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One group of jobs of one kind as one sink call (the single call for one job, the group call for
 * more), and each job's future completed with its own outcome. Stateless.
 *
 * <p>A sink that throws (which its group calls must not) or fails with an Error fails every job of the
 * group, so nobody waits forever for an answer.
 */
final class GroupCall {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCall.class);

  private GroupCall() {}

  static void run(StreamSink sink, List<Job> group) {
    switch (group.get(0).kind()) {
      case BEGIN -> begins(sink, group);
      case WRITE -> writes(sink, group);
      case END -> finishes(sink, group);
    }
  }

  private static void begins(StreamSink sink, List<Job> group) {
    List<StreamSink.Begin> calls = new ArrayList<>(group.size());
    group.forEach(job -> calls.add(((Job.BeginJob) job).call()));
    StreamSink.Results results = call(calls, b -> sink.begin(b.sessionId(), b.messageId(), b.options()), sink::beginAll);
    for (int i = 0; i < group.size(); i++) {
      deliver(results, i, ((Job.BeginJob) group.get(i)).result(), "beginning a stream");
    }
  }

  private static void writes(StreamSink sink, List<Job> group) {
    List<StreamSink.Write> calls = new ArrayList<>(group.size());
    group.forEach(job -> calls.add(((Job.WriteJob) job).call()));
    Map<Integer, RuntimeException> failures;
    try {
      if (calls.size() == 1) {
        StreamSink.Write w = calls.get(0);
        sink.write(w.sessionId(), w.messageId(), w.delta());
        failures = Map.of();
      } else {
        failures = sink.writeAll(calls);
      }
    } catch (RuntimeException | Error e) {
      failures = StreamSink.allFailed(calls.size(), library(e));
    }
    for (int i = 0; i < group.size(); i++) {
      RuntimeException failure = failures.get(i);
      CompletableFuture<Void> result = ((Job.WriteJob) group.get(i)).result();
      if (failure == null) {
        result.complete(null);
      } else {
        result.completeExceptionally(failure);
      }
    }
  }

  private static void finishes(StreamSink sink, List<Job> group) {
    List<StreamSink.Finish> calls = new ArrayList<>(group.size());
    group.forEach(job -> calls.add(((Job.FinishJob) job).call()));
    StreamSink.Results results = call(calls,
        f -> sink.finish(f.sessionId(), f.messageId(), f.delta(), f.status(), f.metadata()),
        sink::finishAll);
    for (int i = 0; i < group.size(); i++) {
      deliver(results, i, ((Job.FinishJob) group.get(i)).result(), "ending stream " + calls.get(i).messageId());
    }
  }

  /** The sink's outcome for {@code calls}: its single call for one, its group call for more. */
  private static <T> StreamSink.Results call(List<T> calls, Function<T, Message> single,
      Function<List<T>, StreamSink.Results> all) {
    try {
      if (calls.size() == 1) {
        return new StreamSink.Results(Map.of(0, single.apply(calls.get(0))), Map.of());
      }
      return all.apply(calls);
    } catch (RuntimeException | Error e) {
      return new StreamSink.Results(Map.of(), StreamSink.allFailed(calls.size(), library(e)));
    }
  }

  private static void deliver(StreamSink.Results results, int i, CompletableFuture<Message> to, String what) {
    Message message = results.messages().get(i);
    if (message != null) {
      to.complete(message);
      return;
    }
    RuntimeException failure = results.failures().get(i);
    to.completeExceptionally(failure != null ? failure : new UnavailableException(what + " had no outcome"));
  }

  /** An Error from a sink still has to reach every caller and stream it concerns, as a library exception. */
  static RuntimeException library(Throwable e) {
    if (e instanceof RuntimeException runtime) {
      return runtime;
    }
    LOG.error("a stream write failed with an error", e);
    return new UnavailableException("writing streams failed: " + e, e);
  }
}
