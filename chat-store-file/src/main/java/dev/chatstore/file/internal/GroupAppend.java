package dev.chatstore.file.internal;

import dev.chatstore.SessionNotFoundException;
import dev.chatstore.file.internal.SessionWriter.Written;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file store's group commit for streams (what {@code beginAll}, {@code writeAll} and
 * {@code finishAll} of {@link FileStreamSink} run): every call's line is written to its session file
 * first, then all those files are forced at once ({@link Syncer#writtenAll}), and only then is each call
 * folded in and answered. A group thus waits about as long as one force, not for one force after
 * another, and each call is still acknowledged only once its own file is forced.
 *
 * <p>Each call succeeds or fails alone: a session that is gone, a message already ended, a write or a
 * force that fails, fails that call only (its line cut off again, as {@link SessionWriter} does), and
 * the others go on. Two calls for one session (two of its messages streaming) take turns, in their
 * order, so each sees the other's line. The sessions of a turn are locked, in the order of their ids,
 * from their write to their answer. Never throws: what fails is reported by index. Thread-safe.
 */
final class GroupAppend {
  /** What one call writes once its session is locked and loaded; may throw to refuse the call. */
  interface Step<R> {
    Planned<R> plan(SessionHandle handle, LoadedSession session) throws IOException;
  }

  /** How a call is answered once its line is durable and folded in (its session still locked). */
  interface Answer<R> {
    R get() throws IOException;
  }

  /** One call's line, and its answer for later. */
  record Planned<R>(Event line, Answer<R> answer) {}

  /** One call of a group: its session and its step. */
  record Call<R>(String sessionId, Step<R> step) {}

  /** Each call's answer or failure, by index; every index is in exactly one map. */
  record Outcomes<R>(Map<Integer, R> answers, Map<Integer, RuntimeException> failures) {}

  /** A call whose line is written, waiting for its force. */
  private record Pending<R>(int index, Planned<R> planned, Written written) {}

  private final FileContext ctx;
  private final Gate gate;

  GroupAppend(FileContext ctx, Gate gate) {
    this.ctx = ctx;
    this.gate = gate;
  }

  <R> Outcomes<R> run(List<Call<R>> calls) {
    Map<Integer, R> answers = new HashMap<>();
    Map<Integer, RuntimeException> failures = new HashMap<>();
    try {
      gate.run(() -> {
        List<Integer> left = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
          left.add(i);
        }
        while (!left.isEmpty()) {
          left = turn(calls, left, answers, failures);
        }
        return null;
      });
    } catch (RuntimeException e) { // the store is closed, or a bug: no call may be left without an outcome
      for (int i = 0; i < calls.size(); i++) {
        if (!answers.containsKey(i)) {
          failures.putIfAbsent(i, e);
        }
      }
    }
    return new Outcomes<>(answers, failures);
  }

  /**
   * Writes, forces and answers the first waiting call of each session among {@code left}; returns the
   * calls left for the next turn.
   */
  private <R> List<Integer> turn(List<Call<R>> calls, List<Integer> left, Map<Integer, R> answers,
      Map<Integer, RuntimeException> failures) {
    TreeMap<String, Integer> first = new TreeMap<>(); // by session id: the order locks are taken in
    List<Integer> later = new ArrayList<>();
    for (int i : left) {
      if (first.putIfAbsent(calls.get(i).sessionId(), i) != null) {
        later.add(i);
      }
    }
    List<SessionHandle> locked = new ArrayList<>(first.size());
    List<Pending<R>> written = new ArrayList<>(first.size());
    try {
      for (int i : first.values()) {
        try {
          SessionHandle handle = ctx.sessions.find(calls.get(i).sessionId())
              .orElseThrow(() -> new SessionNotFoundException(calls.get(i).sessionId()));
          handle.lock.lock();
          locked.add(handle);
          LoadedSession session = ctx.sessions.load(handle);
          Planned<R> planned = calls.get(i).step().plan(handle, session);
          written.add(new Pending<>(i, planned, ctx.writer.write(handle, session, List.of(planned.line()))));
        } catch (IOException e) {
          failures.put(i, gate.failed(e));
        } catch (RuntimeException e) {
          failures.put(i, e);
        }
      }
      forceAndAnswer(written, answers, failures);
    } finally {
      for (int k = locked.size() - 1; k >= 0; k--) {
        locked.get(k).lock.unlock();
      }
    }
    return later;
  }

  private <R> void forceAndAnswer(List<Pending<R>> written, Map<Integer, R> answers,
      Map<Integer, RuntimeException> failures) {
    List<FileChannel> channels = new ArrayList<>(written.size());
    written.forEach(p -> channels.add(p.written().channel()));
    IOException[] forced;
    try {
      forced = ctx.syncer.writtenAll(channels);
    } catch (RuntimeException e) { // no force can be trusted: every line is cut off again
      forced = new IOException[written.size()];
      Arrays.fill(forced, new IOException("forcing failed: " + e, e));
    }
    for (int k = 0; k < written.size(); k++) {
      Pending<R> p = written.get(k);
      if (forced[k] != null) {
        ctx.writer.undo(p.written(), forced[k]);
        failures.put(p.index(), gate.failed(forced[k]));
        continue;
      }
      try {
        ctx.writer.commit(p.written());
        answers.put(p.index(), p.planned().answer().get());
      } catch (IOException e) {
        failures.put(p.index(), gate.failed(e));
      } catch (RuntimeException e) {
        failures.put(p.index(), e);
      }
    }
  }
}
