package dev.chatstore.file.internal;

import dev.chatstore.CorruptDataException;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.UnavailableException;
import dev.chatstore.crypto.KeyRotation;
import dev.chatstore.crypto.MissingKeyException;
import dev.chatstore.crypto.RotationProgress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The file store's {@link KeyRotation}. A session file needs it while its lines carry a key id other
 * than the current one, or values in clear; which ones do is read from the summaries in memory (each
 * keeps its file's key ids, and the index keeps them between runs), so {@link #progress} opens no file.
 * A batch re-seals at most {@code batchSize} of those files, one at a time under that session's lock
 * ({@link Reseal}), then writes the index (forced) if it rewrote any or the index's own values need the
 * key, so the index always knows what the batch did. What it counts is files: the session files, and
 * the index as one more while it needs it.
 *
 * <p>Resumable by construction: a killed or stopped run leaves each file old or new, never half, and
 * the next run finds what is left. A kill between a file's rename and the index leaves that file
 * counted although it is sealed anew; the batch that reaches it finds it so, notes its key ids and goes
 * on to the next without spending a place of the batch on it. A file a batch cannot read stops the
 * batch with that file's error ({@code MissingKeyException}, {@code CorruptDataException}), after the
 * index is written for what the batch did; such a file is tried after the others in later batches, so
 * it holds nothing else up, but the rotation is not done while it is there. Thread-safe.
 */
final class Rotation implements KeyRotation {
  private final FileContext ctx;
  private final IndexKeeper index;
  private final Gate gate;
  private final int batchSize;
  private final Set<String> failed = ConcurrentHashMap.newKeySet();

  Rotation(FileContext ctx, IndexKeeper index, Gate gate, int batchSize) {
    this.ctx = ctx;
    this.index = index;
    this.gate = gate;
    this.batchSize = batchSize;
  }

  @Override
  public RotationProgress rotateBatch() {
    return gate.run(() -> {
      String current = currentKeyId();
      List<SessionHandle> due = due(current);
      due.sort(Comparator.comparing((SessionHandle h) -> failed.contains(h.id)).thenComparing(h -> h.id));
      long rewritten = 0;
      boolean learned = false; // a file the summaries took for old turned out current
      RuntimeException failure = null;
      for (SessionHandle handle : due) {
        if (rewritten == batchSize) {
          break;
        }
        try {
          if (ctx.sessions.with(handle, (h, s) -> Reseal.run(ctx, h, s))) {
            rewritten++;
          } else {
            learned = true;
          }
          failed.remove(handle.id);
        } catch (SessionNotFoundException e) {
          // purged meanwhile: nothing left to seal
        } catch (MissingKeyException | CorruptDataException | UnavailableException e) {
          failed.add(handle.id);
          failure = e;
          break;
        }
      }
      boolean indexDue = !index.isCurrent();
      if (indexDue || rewritten > 0 || learned) {
        index.writeDurably();
        rewritten += indexDue ? 1 : 0;
      }
      if (failure != null) {
        throw failure;
      }
      return new RotationProgress(rewritten, remaining(current), current);
    });
  }

  @Override
  public RotationProgress progress() {
    return gate.run(() -> {
      String current = currentKeyId();
      return new RotationProgress(0, remaining(current), current);
    });
  }

  private long remaining(String current) {
    return due(current).size() + (index.isCurrent() ? 0 : 1);
  }

  /** The sessions whose files need sealing anew: another key id, values in clear, or not known (unreadable). */
  private List<SessionHandle> due(String current) {
    List<SessionHandle> due = new ArrayList<>();
    for (SessionHandle handle : ctx.sessions.all()) {
      Optional<Summary> summary = handle.summary();
      if (summary.isEmpty() || !LineCipher.isCurrent(summary.get().keyIds(), current)) {
        due.add(handle);
      }
    }
    return due;
  }

  private String currentKeyId() {
    return ctx.cipher.currentKeyId().orElseThrow(() -> new IllegalStateException("made only for an encrypting store"));
  }
}
