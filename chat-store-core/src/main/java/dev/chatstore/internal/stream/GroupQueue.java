package dev.chatstore.internal.stream;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The sink calls waiting for a writer, and which of them make the next group: the rules of group
 * commit, with no threads or locks.
 *
 * <ul>
 *   <li>A group holds calls of one kind, oldest first: up to the sink's maxGroupedWrites writes, or up
 *       to {@link #MAX_GROUPED_EDGES} begins or ends (the "edges" of streams).
 *   <li>When writes and edges both wait, groups of writes and groups of edges take turns. The text
 *       writes bound the streams' lag, so they wait behind at most one small group of begins or ends;
 *       and a steady flow of writes cannot hold begins and ends back either.
 * </ul>
 *
 * <p>Why one group at a time (the committer runs one writer for a grouping sink): on H2 a second
 * transaction beside the first only competes with it (every commit stores the pages of every open
 * transaction, and their statements contend for the same tables), while the first group would have
 * taken the waiting work anyway. Measured with 100 streams, text writes beside begins and ends in a
 * second lane made each write group several times slower than one lane did.
 *
 * <p>Not thread-safe: {@link GroupCommitter} guards it.
 */
final class GroupQueue {
  /**
   * The most begins or ends in one group. Each costs several times a write and holds the sink's one
   * lane meanwhile, so a write due behind them waits at most this many.
   */
  static final int MAX_GROUPED_EDGES = 8;

  private final int maxGroup;
  private final List<Job> waiting = new ArrayList<>();
  private boolean lastWasWrite;
  private int edgeGroupsOut;

  /** {@code maxGroup}: the most calls one group may hold (1: every call alone). */
  GroupQueue(int maxGroup) {
    this.maxGroup = Math.max(1, maxGroup);
  }

  void add(Job job) {
    waiting.add(job);
  }

  /** Takes back the waiting job whose future is {@code result}; false if a group has taken it already. */
  boolean withdraw(CompletableFuture<?> result) {
    return waiting.removeIf(job -> job.result() == result);
  }

  /**
   * Puts {@code replacement} in the place of the waiting job whose future is {@code result}; false if a
   * group has taken that job already.
   */
  boolean replace(CompletableFuture<?> result, Job replacement) {
    for (int i = 0; i < waiting.size(); i++) {
      if (waiting.get(i).result() == result) {
        waiting.set(i, replacement);
        return true;
      }
    }
    return false;
  }

  /** The next group, removed from the queue; empty if nothing waits. Report its end with {@link #done}. */
  List<Job> take() {
    Job first = next();
    if (first == null) {
      return List.of();
    }
    boolean write = first.kind() == Job.Kind.WRITE;
    lastWasWrite = write;
    int limit = write ? maxGroup : Math.min(maxGroup, MAX_GROUPED_EDGES);
    List<Job> group = new ArrayList<>(Math.min(limit, waiting.size()));
    for (Iterator<Job> it = waiting.iterator(); it.hasNext() && group.size() < limit; ) {
      Job job = it.next();
      if (job.kind() == first.kind()) {
        it.remove();
        group.add(job);
      }
    }
    if (!write) {
      edgeGroupsOut++;
    }
    return group;
  }

  /** A group {@link #take} returned has had its sink call. */
  void done(List<Job> group) {
    if (!group.isEmpty() && group.get(0).kind() != Job.Kind.WRITE) {
      edgeGroupsOut--;
    }
  }

  /** True while begins or ends wait or are being written. */
  boolean edgesBusy() {
    return edgeGroupsOut > 0 || waiting.stream().anyMatch(job -> job.kind() != Job.Kind.WRITE);
  }

  /** The oldest job of the other side than the last group (writes or edges), else the oldest. */
  private Job next() {
    for (Job job : waiting) {
      if ((job.kind() == Job.Kind.WRITE) != lastWasWrite) {
        return job;
      }
    }
    return waiting.isEmpty() ? null : waiting.get(0);
  }
}
