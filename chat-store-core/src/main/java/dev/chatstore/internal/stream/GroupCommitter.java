package dev.chatstore.internal.stream;

import dev.chatstore.Message;
import dev.chatstore.spi.StreamSink;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink calls of one engine's streams, grouped (group commit). A stream hands it an immutable call
 * (a begin, a batch of text and tool calls to write, an end) and gets one future for it; a writer takes
 * what waits, as many of one kind as a group holds ({@link GroupQueue}), into one
 * {@link StreamSink#beginAll}, {@link StreamSink#writeAll} or {@link StreamSink#finishAll} call
 * ({@link GroupCall}) and completes each future with its own outcome. It knows nothing of streams: the
 * stream reacts to the future.
 *
 * <p>Why group: a database that commits one transaction at a time (H2 serializes its commits) cannot
 * give a hundred streams a commit each every 40 ms, nor a hundred replies beginning or ending together
 * a commit each without the last one waiting for all the others. Taking everything that waits into one
 * transaction makes one commit per round trip, and the more waits, the more each commit carries: the
 * queue drains instead of growing.
 *
 * <p>Where calls run. A grouping sink ({@code maxGroupedWrites() > 1}) has one writer: one group at a
 * time (see {@link GroupQueue} for why). A sink that does not group gains nothing from waiting in line:
 * a call whose caller waits for it (a begin, a flush, an end) runs on the caller's thread, and
 * background writes run side by side on up to {@code writers} writers, oldest first. Once the executor
 * refuses work (the engine is closing), every call runs on the thread that submits it.
 *
 * <p>Thread-safe. Futures are completed outside this object's lock, so what reacts to them may submit
 * again. Lock order: a stream's lock, then this one's.
 */
public final class GroupCommitter {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

  private final StreamSink sink;
  private final Executor executor;
  private final boolean grouping;
  private final int maxWriters;
  // guarded by this
  private final GroupQueue queue;
  private int writers;

  /** Reads {@code sink.maxGroupedWrites()} once, here. */
  public GroupCommitter(StreamSink sink, Executor executor, int writers) {
    this.sink = sink;
    this.executor = executor;
    int maxGroup = Math.max(1, sink.maxGroupedWrites());
    this.grouping = maxGroup > 1;
    this.maxWriters = grouping ? 1 : Math.max(1, writers);
    this.queue = new GroupQueue(maxGroup);
  }

  /** True if the sink groups calls, so that waiting calls share one sink call. */
  boolean groups() {
    return grouping;
  }

  /** Begins a stream; the future completes with the begun message or the sink's failure. */
  public CompletableFuture<Message> begin(StreamSink.Begin call) {
    Job.BeginJob job = new Job.BeginJob(call);
    submit(job, true);
    return job.result();
  }

  /**
   * Writes a stream's batch; the future completes once it is durable, or with the sink's failure.
   * {@code callerWaits}: the caller blocks on the future (a flush, an end's last text) rather than
   * reacting to it later (a write triggered by size or delay).
   */
  CompletableFuture<Void> write(StreamSink.Write call, boolean callerWaits) {
    Job.WriteJob job = new Job.WriteJob(call);
    submit(job, callerWaits);
    return job.result();
  }

  /** Ends a stream; the future completes with the final message or the sink's failure. */
  CompletableFuture<Message> finish(StreamSink.Finish call) {
    Job.FinishJob job = new Job.FinishJob(call);
    submit(job, true);
    return job.result();
  }

  /**
   * Takes back the call whose future is {@code result} if no group has taken it yet: true if so, and
   * then its future never completes. False if it is being written or has been.
   */
  synchronized boolean withdraw(CompletableFuture<?> result) {
    return queue.withdraw(result);
  }

  /**
   * Puts {@code bigger} in the place of the background write whose future is {@code waiting}, if no
   * group has taken that write yet: returns the future of {@code bigger} then (the replaced one never
   * completes), else empty.
   */
  synchronized Optional<CompletableFuture<Void>> replace(CompletableFuture<Void> waiting, StreamSink.Write bigger) {
    Job.WriteJob job = new Job.WriteJob(bigger);
    return queue.replace(waiting, job) ? Optional.of(job.result()) : Optional.empty();
  }

  /** True while begins or ends wait or are being written. */
  synchronized boolean edgesBusy() {
    return queue.edgesBusy();
  }

  /**
   * Waits for {@code result} however long it takes, ignoring interrupts (they are kept): a begin, a
   * write or an end cannot be abandoned half way, or the caller could not know what was stored.
   * Returns its value or throws its failure.
   */
  public static <T> T await(CompletableFuture<T> result) {
    try {
      return result.join();
    } catch (CompletionException e) {
      throw cause(e);
    }
  }

  /** The failure a future completed with, as thrown by the sink (only ever a RuntimeException). */
  static RuntimeException cause(Throwable failure) {
    Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return GroupCall.library(e);
  }

  private void submit(Job job, boolean callerWaits) {
    if ((callerWaits && !grouping) || !enqueue(job)) {
      GroupCall.run(sink, List.of(job));
    }
  }

  /** Queues {@code job} and makes sure a writer will come; false if the executor refused and it is still ours. */
  private boolean enqueue(Job job) {
    synchronized (this) {
      queue.add(job);
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
        return !queue.withdraw(job.result());
      }
    }
  }

  /** One writer: runs groups until nothing waits. */
  private void drain() {
    while (true) {
      List<Job> group;
      synchronized (this) {
        group = queue.take();
        if (group.isEmpty()) {
          writers--;
          return;
        }
      }
      try {
        GroupCall.run(sink, group);
      } catch (RuntimeException | Error e) { // a bug here, not the sink's failure (GroupCall handles that)
        LOG.error("a group of stream writes failed unexpectedly", e);
        RuntimeException failure = GroupCall.library(e);
        group.forEach(job -> job.fail(failure));
      } finally {
        synchronized (this) {
          queue.done(group);
        }
      }
    }
  }
}
