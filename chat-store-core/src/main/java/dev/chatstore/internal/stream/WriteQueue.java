package dev.chatstore.internal.stream;

import dev.chatstore.Message;
import dev.chatstore.UnavailableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage writes of one engine's streams, grouped. A stream whose background write is due (by
 * size or delay) waits here, and so does the end of a stream whose sink groups; a few writer tasks
 * take what waits and write it, as many of one kind as the sink groups into one
 * {@link StreamSink#writeAll} or {@link StreamSink#finishAll} call (group commit), or one at a time
 * where it does not.
 *
 * <p>Why group: a database that commits a transaction at a time (H2 serializes its commits) cannot
 * give a hundred streams a commit each every 40 ms, nor a hundred replies ending together a commit
 * each without the last one waiting for all the others. Taking everything that waits into one
 * transaction turns that into one commit per round trip, and the more waits, the more each commit
 * carries: the queue drains instead of growing.
 *
 * <p>Thread-safe. Lock order: a stream's lock, then this queue's; never the other way round.
 */
final class WriteQueue {
  private static final Logger LOG = LoggerFactory.getLogger(WriteQueue.class);

  private final Executor executor;
  private final int maxWriters;
  // guarded by this
  private final ArrayDeque<Job> due = new ArrayDeque<>();
  private int writers;

  WriteQueue(Executor executor, int maxWriters) {
    this.executor = executor;
    this.maxWriters = maxWriters;
  }

  /**
   * Queues {@code stream} for a background write and makes sure a writer will come. False if the
   * engine no longer runs tasks (it is closed).
   */
  boolean submit(BufferedStream stream) {
    return enqueue(new Flush(stream));
  }

  /**
   * Ends a stream: through the queue, grouped with other ends, if its sink groups; else, or once the
   * engine runs no more tasks, on this thread. Returns the ended message or throws the sink's
   * exception; waits for the outcome however long it takes (an end cannot be half-abandoned).
   */
  Message finish(BufferedStream stream, StreamSink.Finish finish) {
    StreamSink sink = stream.sink();
    End end = new End(stream, finish);
    if (sink.maxGroupedWrites() <= 1 || !enqueue(end)) {
      return finishOne(sink, finish);
    }
    try {
      return end.result.join();
    } catch (CompletionException e) {
      throw (RuntimeException) e.getCause(); // only ever completed with a RuntimeException
    }
  }

  private boolean enqueue(Job job) {
    synchronized (this) {
      due.addLast(job);
      if (writers >= maxWriters) {
        return true; // a running writer takes it when it comes back for more
      }
      writers++;
    }
    try {
      executor.execute(this::drain);
      return true;
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        writers--;
        due.remove(job);
      }
      return false;
    }
  }

  /** One writer: writes groups until nothing waits. */
  private void drain() {
    while (true) {
      List<Job> group;
      synchronized (this) {
        if (due.isEmpty()) {
          writers--;
          return;
        }
        group = takeGroup();
      }
      if (group.get(0) instanceof Flush) {
        List<BufferedStream> streams = new ArrayList<>(group.size());
        group.forEach(job -> streams.add(((Flush) job).stream()));
        writeGroup(streams);
      } else {
        List<End> ends = new ArrayList<>(group.size());
        group.forEach(job -> ends.add((End) job));
        finishGroup(ends);
      }
    }
  }

  /** The first waiting job and the next ones of its kind and sink, as many as the sink groups. */
  private List<Job> takeGroup() {
    Job first = due.pollFirst();
    StreamSink sink = first.stream().sink();
    int limit = Math.max(1, sink.maxGroupedWrites());
    List<Job> group = new ArrayList<>(Math.min(limit, due.size() + 1));
    group.add(first);
    for (Iterator<Job> it = due.iterator(); it.hasNext() && group.size() < limit; ) {
      Job next = it.next();
      if (next.getClass() == first.getClass() && next.stream().sink() == sink) {
        it.remove();
        group.add(next);
      }
    }
    return group;
  }

  /** Takes each stream's buffer and writes them in one sink call; every taken buffer gets its outcome. */
  private static void writeGroup(List<BufferedStream> group) {
    List<BufferedStream> streams = new ArrayList<>(group.size());
    List<BufferedStream.Batch> batches = new ArrayList<>(group.size());
    List<StreamSink.Write> writes = new ArrayList<>(group.size());
    for (BufferedStream stream : group) {
      stream.takeQueued().ifPresent(batch -> {
        streams.add(stream);
        batches.add(batch);
        writes.add(new StreamSink.Write(stream.sessionId(), stream.messageId(), batch.text(), batch.calls()));
      });
    }
    if (streams.isEmpty()) {
      return;
    }
    StreamSink sink = streams.get(0).sink();
    Map<Integer, RuntimeException> failures;
    try {
      if (writes.size() == 1) {
        StreamSink.Write w = writes.get(0);
        sink.write(w.sessionId(), w.messageId(), w.text(), w.toolCalls());
        failures = Map.of();
      } else {
        failures = sink.writeAll(writes);
      }
    } catch (RuntimeException | Error e) {
      failures = allFailed(writes.size(), e);
    }
    for (int i = 0; i < streams.size(); i++) {
      streams.get(i).queuedWriteDone(batches.get(i), failures.get(i));
    }
  }

  /** Ends the streams in one sink call and hands each waiting caller its outcome. */
  private static void finishGroup(List<End> ends) {
    StreamSink sink = ends.get(0).stream().sink();
    if (ends.size() == 1) {
      End end = ends.get(0);
      try {
        end.result.complete(finishOne(sink, end.finish));
      } catch (RuntimeException | Error e) {
        end.result.completeExceptionally(library(e));
      }
      return;
    }
    List<StreamSink.Finish> finishes = new ArrayList<>(ends.size());
    ends.forEach(end -> finishes.add(end.finish));
    StreamSink.Finished finished;
    try {
      finished = sink.finishAll(finishes);
    } catch (RuntimeException | Error e) {
      finished = new StreamSink.Finished(Map.of(), allFailed(ends.size(), e));
    }
    for (int i = 0; i < ends.size(); i++) {
      Message message = finished.messages().get(i);
      if (message != null) {
        ends.get(i).result.complete(message);
      } else {
        RuntimeException failure = finished.failures().get(i);
        ends.get(i).result.completeExceptionally(failure != null ? failure
            : new UnavailableException("ending stream " + ends.get(i).finish.messageId() + " had no outcome"));
      }
    }
  }

  private static Message finishOne(StreamSink sink, StreamSink.Finish f) {
    return sink.finish(f.sessionId(), f.messageId(), f.text(), f.toolCalls(), f.status(), f.metadata());
  }

  private static Map<Integer, RuntimeException> allFailed(int count, Throwable e) {
    RuntimeException failure = library(e);
    Map<Integer, RuntimeException> failures = new HashMap<>();
    for (int i = 0; i < count; i++) {
      failures.put(i, failure);
    }
    return failures;
  }

  /**
   * An Error from a sink still has to reach every stream it concerns, or they would wait for this
   * write forever; and the writer carries on, or the jobs queued behind would wait for nobody.
   */
  private static RuntimeException library(Throwable e) {
    if (e instanceof RuntimeException runtime) {
      return runtime;
    }
    LOG.error("a stream write failed with an error", e);
    return new UnavailableException("writing streams failed: " + e, e);
  }

  /** Something waiting for a writer. */
  private sealed interface Job permits Flush, End {
    BufferedStream stream();
  }

  /** A stream's background write is due. */
  private record Flush(BufferedStream stream) implements Job {}

  /** A stream's end, and the caller waiting for it. */
  private record End(BufferedStream stream, StreamSink.Finish finish, CompletableFuture<Message> result)
      implements Job {
    End(BufferedStream stream, StreamSink.Finish finish) {
      this(stream, finish, new CompletableFuture<>());
    }
  }
}
