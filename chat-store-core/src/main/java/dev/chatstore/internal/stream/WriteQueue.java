package dev.chatstore.internal.stream;

import dev.chatstore.Message;
import dev.chatstore.StreamOptions;
import dev.chatstore.UnavailableException;
import dev.chatstore.spi.StreamSink;
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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage writes of one engine's streams, grouped. A stream whose background write is due (by
 * size or delay) waits here; where the sink groups, so do a stream's begin, its last text and its
 * end, each with the caller waiting for it. A few writer tasks take what waits and write it, as many
 * of one kind as a group holds (the sink's limit for writes, at most {@link #MAX_GROUPED_EDGES}
 * begins or ends) into one {@link StreamSink#beginAll}, {@link StreamSink#writeAll} or
 * {@link StreamSink#finishAll} call (group commit), or one at a time where the sink does not group.
 *
 * <p>Why group: a database that commits a transaction at a time (H2 serializes its commits) cannot
 * give a hundred streams a commit each every 40 ms, nor a hundred replies beginning or ending
 * together a commit each without the last one waiting for all the others. Taking everything that
 * waits into one transaction turns that into one commit per round trip, and the more waits, the more
 * each commit carries: the queue drains instead of growing.
 *
 * <p>Thread-safe. Lock order: a stream's lock, then this queue's; never the other way round.
 */
public final class WriteQueue {
  private static final Logger LOG = LoggerFactory.getLogger(WriteQueue.class);

  /**
   * The most begins or ends taken into one group. They cost several times a write each and hold the
   * sink's one lane meanwhile (see {@link #takeGroup}), so a write due behind them waits at most
   * this many.
   */
  static final int MAX_GROUPED_EDGES = 8;

  private final Executor executor;
  private final int maxWriters;
  // guarded by this
  private final ArrayDeque<Job> due = new ArrayDeque<>();
  private int writers;
  /** The kind of group each grouping sink has in flight (see {@link #takeGroup}). */
  private final Map<StreamSink, Kind> inFlight = new HashMap<>();
  /** The kind of group each grouping sink wrote last. */
  private final Map<StreamSink, Kind> lastKind = new HashMap<>();

  public WriteQueue(Executor executor, int maxWriters) {
    this.executor = executor;
    this.maxWriters = maxWriters;
  }

  /** True if {@code sink} groups, so that begins, last writes and ends go through the queue too. */
  static boolean groups(StreamSink sink) {
    return sink.maxGroupedWrites() > 1;
  }

  /** True while begins or ends of {@code sink} are being written or wait for a writer. */
  synchronized boolean endsBusy(StreamSink sink) {
    Kind running = inFlight.get(sink);
    if (running != null && running != Kind.WRITE) {
      return true;
    }
    for (Job job : due) {
      if (job.kind() != Kind.WRITE && job.sink() == sink) {
        return true;
      }
    }
    return false;
  }

  /**
   * Queues {@code stream} for a background write and makes sure a writer will come. False if the
   * engine no longer runs tasks (it is closed).
   */
  boolean submit(BufferedStream stream) {
    return enqueue(new Flush(stream));
  }

  /**
   * Begins a message through {@code sink}: grouped with other begins if the sink groups, else (or
   * once the engine runs no more tasks) on this thread. Returns what the sink's begin returns.
   */
  public Message begin(StreamSink sink, String sessionId, StreamOptions options) {
    Open open = new Open(sink, new StreamSink.Begin(sessionId, options));
    if (!groups(sink) || !enqueue(open)) {
      return sink.begin(sessionId, options);
    }
    return await(open.result);
  }

  /**
   * Writes a stream's last text through the queue, grouped with other streams' writes. For sinks
   * that {@link #groups group}. Throws the sink's exception.
   */
  void writeLast(BufferedStream stream, BufferedStream.Batch batch) {
    Last last = new Last(stream, batch);
    if (!enqueue(last)) {
      StreamSink.Write w = last.write();
      stream.sink().write(w.sessionId(), w.messageId(), w.text(), w.toolCalls());
      return;
    }
    await(last.done);
  }

  /**
   * Ends a stream: grouped with other ends if its sink groups, else (or once the engine runs no more
   * tasks) on this thread. Returns the ended message or throws the sink's exception.
   */
  Message finish(BufferedStream stream, StreamSink.Finish finish) {
    StreamSink sink = stream.sink();
    End end = new End(stream, finish);
    if (!groups(sink) || !enqueue(end)) {
      return finishOne(sink, finish);
    }
    return await(end.result);
  }

  /**
   * Waits for queued work however long it takes, ignoring interrupts (they are kept): a begin, a
   * write or an end cannot be abandoned half way, or the caller could not know what was stored.
   */
  private static <T> T await(CompletableFuture<T> result) {
    try {
      return result.join();
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
        // A running writer may have taken it meanwhile: then it is done there, not by the caller.
        return !due.remove(job);
      }
    }
  }

  /** One writer: writes groups until nothing it may take waits. */
  private void drain() {
    while (true) {
      List<Job> group;
      synchronized (this) {
        group = takeGroup();
        if (group.isEmpty()) {
          writers--;
          return;
        }
      }
      try {
        switch (group.get(0).kind()) {
          case BEGIN -> beginGroup(group);
          case WRITE -> writeGroup(group);
          case END -> finishGroup(group);
        }
      } catch (RuntimeException | Error e) { // a bug here, not the sink's failure (that is handled)
        LOG.error("a group of stream writes failed unexpectedly", e);
        failWaiting(group, library(e));
      } finally {
        synchronized (this) {
          inFlight.remove(group.get(0).sink());
        }
      }
    }
  }

  /**
   * The next job this writer may take and the next ones of its kind and sink, as many as one group
   * holds; empty if none may be taken now. A sink that does not group has its writes run side by
   * side, oldest first. A grouping sink has one lane: one group at a time, because on H2 a second
   * transaction beside the first only competes with it (every commit stores the pages of every open
   * transaction, and their statements contend for the same tables) while the first one's group would
   * have taken the waiting work anyway. Measured with 100 streams, two lanes (text writes beside
   * begins and ends) made each write group several times slower than one lane did. In the lane,
   * writes and begins or ends take turns when both wait, so the text writes that bound the streams'
   * lag wait behind at most one group of {@link #MAX_GROUPED_EDGES} begins or ends, and a steady
   * flow of writes cannot hold back begins and ends either.
   */
  private List<Job> takeGroup() {
    Job first = null;
    for (Job job : due) {
      if (!groups(job.sink())) {
        first = job;
        break;
      }
      if (!inFlight.containsKey(job.sink())) {
        first = nextOf(job.sink());
        break;
      }
    }
    if (first == null) {
      return List.of();
    }
    due.remove(first);
    StreamSink sink = first.sink();
    int limit = Math.max(1, sink.maxGroupedWrites());
    if (groups(sink)) {
      inFlight.put(sink, first.kind());
      lastKind.put(sink, first.kind());
      if (first.kind() != Kind.WRITE) {
        limit = Math.min(limit, MAX_GROUPED_EDGES);
      }
    }
    List<Job> group = new ArrayList<>(Math.min(limit, due.size() + 1));
    group.add(first);
    for (Iterator<Job> it = due.iterator(); it.hasNext() && group.size() < limit; ) {
      Job next = it.next();
      if (next.kind() == first.kind() && next.sink() == sink) {
        it.remove();
        group.add(next);
      }
    }
    return group;
  }

  /**
   * The oldest waiting job of grouping {@code sink} of the other side than its last group (a write
   * after begins or ends, a begin or end after writes), or its oldest job if none waits there.
   */
  private Job nextOf(StreamSink sink) {
    boolean wantWrite = lastKind.get(sink) != Kind.WRITE;
    Job oldest = null;
    for (Job job : due) {
      if (job.sink() != sink) {
        continue;
      }
      if ((job.kind() == Kind.WRITE) == wantWrite) {
        return job;
      }
      if (oldest == null) {
        oldest = job;
      }
    }
    return oldest;
  }

  /** Begins the streams in one sink call and hands each waiting caller its message. */
  private static void beginGroup(List<Job> group) {
    StreamSink sink = group.get(0).sink();
    List<StreamSink.Begin> begins = new ArrayList<>(group.size());
    group.forEach(job -> begins.add(((Open) job).begin()));
    StreamSink.Results results = call(begins, b -> sink.begin(b.sessionId(), b.options()), sink::beginAll);
    for (int i = 0; i < group.size(); i++) {
      deliver(results, i, ((Open) group.get(i)).result(), "beginning a stream");
    }
  }

  /**
   * Takes each due stream's buffer, and each last write, and writes them all in one sink call; every
   * taken buffer gets its outcome.
   */
  private static void writeGroup(List<Job> group) {
    List<Job> jobs = new ArrayList<>(group.size());
    List<BufferedStream.Batch> batches = new ArrayList<>(group.size());
    List<StreamSink.Write> writes = new ArrayList<>(group.size());
    for (Job job : group) {
      if (job instanceof Last last) {
        jobs.add(last);
        batches.add(last.batch());
        writes.add(last.write());
      } else {
        BufferedStream stream = ((Flush) job).stream();
        stream.takeQueued().ifPresent(batch -> {
          jobs.add(job);
          batches.add(batch);
          writes.add(stream.write(batch));
        });
      }
    }
    if (jobs.isEmpty()) {
      return;
    }
    StreamSink sink = jobs.get(0).sink();
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
    for (int i = 0; i < jobs.size(); i++) {
      RuntimeException failure = failures.get(i);
      if (jobs.get(i) instanceof Last last) {
        if (failure == null) {
          last.done().complete(null);
        } else {
          last.done().completeExceptionally(failure);
        }
      } else {
        ((Flush) jobs.get(i)).stream().queuedWriteDone(batches.get(i), failure);
      }
    }
  }

  /** Ends the streams in one sink call and hands each waiting caller its outcome. */
  private static void finishGroup(List<Job> group) {
    StreamSink sink = group.get(0).sink();
    List<StreamSink.Finish> finishes = new ArrayList<>(group.size());
    group.forEach(job -> finishes.add(((End) job).finish()));
    StreamSink.Results results = call(finishes, f -> finishOne(sink, f), sink::finishAll);
    for (int i = 0; i < group.size(); i++) {
      deliver(results, i, ((End) group.get(i)).result(), "ending stream " + finishes.get(i).messageId());
    }
  }

  /**
   * The sink's outcome for {@code items}: its single call for one item, its group call for more. A
   * sink that throws (which it must not) fails every item, so nobody waits for an answer forever.
   */
  private static <T> StreamSink.Results call(List<T> items, Function<T, Message> single,
      Function<List<T>, StreamSink.Results> all) {
    try {
      if (items.size() == 1) {
        return new StreamSink.Results(Map.of(0, single.apply(items.get(0))), Map.of());
      }
      return all.apply(items);
    } catch (RuntimeException | Error e) {
      return new StreamSink.Results(Map.of(), allFailed(items.size(), e));
    }
  }

  /** Fails whoever still waits on {@code group}, so no caller waits forever for a writer that gave up. */
  private static void failWaiting(List<Job> group, RuntimeException e) {
    for (Job job : group) {
      if (job instanceof Open open) {
        open.result().completeExceptionally(e);
      } else if (job instanceof Last last) {
        last.done().completeExceptionally(e);
      } else if (job instanceof End end) {
        end.result().completeExceptionally(e);
      }
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

  private static Message finishOne(StreamSink sink, StreamSink.Finish f) {
    return sink.finish(f.sessionId(), f.messageId(), f.text(), f.toolCalls(), f.status(), f.metadata());
  }

  private static Map<Integer, RuntimeException> allFailed(int count, Throwable e) {
    return StreamSink.allFailed(count, library(e));
  }

  /**
   * An Error from a sink still has to reach every caller and stream it concerns, or they would wait
   * for this work forever; and the writer carries on, or the jobs queued behind would wait for nobody.
   */
  private static RuntimeException library(Throwable e) {
    if (e instanceof RuntimeException runtime) {
      return runtime;
    }
    LOG.error("a stream write failed with an error", e);
    return new UnavailableException("writing streams failed: " + e, e);
  }

  private enum Kind { BEGIN, WRITE, END }

  /** Something waiting for a writer. */
  private sealed interface Job permits Open, StreamJob {
    StreamSink sink();

    default Kind kind() {
      return this instanceof Open ? Kind.BEGIN : this instanceof End ? Kind.END : Kind.WRITE;
    }
  }

  /** Work for a stream already begun. */
  private sealed interface StreamJob extends Job permits Flush, Last, End {
    BufferedStream stream();

    @Override
    default StreamSink sink() {
      return stream().sink();
    }
  }

  /** A stream to begin, and the caller waiting for its message. */
  private record Open(StreamSink sink, StreamSink.Begin begin, CompletableFuture<Message> result) implements Job {
    Open(StreamSink sink, StreamSink.Begin begin) {
      this(sink, begin, new CompletableFuture<>());
    }
  }

  /** A stream's background write is due. */
  private record Flush(BufferedStream stream) implements StreamJob {}

  /** The text an ending stream still holds, and the caller waiting for it to be written. */
  private record Last(BufferedStream stream, BufferedStream.Batch batch, CompletableFuture<Void> done)
      implements StreamJob {
    Last(BufferedStream stream, BufferedStream.Batch batch) {
      this(stream, batch, new CompletableFuture<>());
    }

    StreamSink.Write write() {
      return stream.write(batch);
    }
  }

  /** A stream's end, and the caller waiting for it. */
  private record End(BufferedStream stream, StreamSink.Finish finish, CompletableFuture<Message> result)
      implements StreamJob {
    End(BufferedStream stream, StreamSink.Finish finish) {
      this(stream, finish, new CompletableFuture<>());
    }
  }
}
