package dev.chatstore.file.internal;

import dev.chatstore.CorruptDataException;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.crypto.KeyRotation;
import dev.chatstore.crypto.MissingKeyException;
import dev.chatstore.crypto.RotationProgress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file store's {@link KeyRotation}. A session file needs it while its lines carry a key id other
 * than the current one, or values in clear; which ones do is read from the summaries in memory (each
 * keeps its file's key ids, and the index keeps them between runs), so {@link #progress} opens no file.
 * A batch re-seals at most {@code batchSize} of those files, one at a time under that session's lock
 * ({@link Reseal}), then the index when its values are sealed with another key, and once more when the
 * batch leaves no file to do, so the index records the new key ids. What it counts is files: the
 * session files, and the index as one more while it needs it.
 *
 * <p>Resumable by construction: a killed or stopped run leaves each file old or new, never half, and
 * the next run finds what is left. Sessions that fail (damaged, or a key gone) are tried after the
 * others in later batches; a damaged one is logged and stays counted; one whose key is gone is thrown
 * as {@link MissingKeyException} by a batch that could rewrite nothing else. Thread-safe.
 */
final class Rotation implements KeyRotation {
  private static final Logger LOG = LoggerFactory.getLogger(Rotation.class);

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
      int tried = 0;
      MissingKeyException missing = null;
      for (SessionHandle handle : due) {
        if (tried++ == batchSize) {
          break;
        }
        try {
          if (ctx.sessions.with(handle, (h, s) -> Reseal.run(ctx, h, s))) {
            rewritten++;
          }
          failed.remove(handle.id);
        } catch (SessionNotFoundException e) {
          // purged meanwhile: nothing left to seal
        } catch (MissingKeyException e) {
          failed.add(handle.id);
          missing = missing == null ? e : missing;
        } catch (CorruptDataException e) {
          failed.add(handle.id);
          LOG.warn("key rotation skips session {}, which cannot be read: {}", handle.id, e.getMessage());
        }
      }
      boolean indexDue = !index.isCurrent();
      if (indexDue || (rewritten > 0 && due(current).isEmpty())) {
        index.write();
        rewritten += indexDue ? 1 : 0;
      }
      if (rewritten == 0 && missing != null) {
        throw missing;
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
