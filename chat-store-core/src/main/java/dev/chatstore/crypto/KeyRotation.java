package dev.chatstore.crypto;

import java.util.function.Consumer;

/**
 * Re-encrypts an encrypting store's values with its provider's current key, a bounded batch at a time:
 * after the host makes a new key current, new writes use it at once and this job rewrites what older
 * keys sealed (and any value stored before encryption was turned on). Each batch is its own
 * transaction or atomic file rewrite and holds a session's writers for that batch only.
 *
 * <p>Resumable by construction: a batch looks for values not sealed with the current key, so a job
 * stopped at any point (a kill included) carries on where it stopped when run again. Thread-safe;
 * running two at once is safe but wasted work. Throws {@link MissingKeyException} when a value's key
 * is gone (that value cannot be rewritten) and the store's usual exceptions.
 */
public interface KeyRotation {

  /** Rewrites at most one batch of values; then says how many remain. */
  RotationProgress rotateBatch();

  /** Counts what is left to rewrite without rewriting anything. */
  RotationProgress progress();

  /**
   * Runs batches until none remain or the calling thread is interrupted (the interrupt flag stays
   * set), reporting each batch's progress; returns the last.
   */
  default RotationProgress rotateAll(Consumer<RotationProgress> onBatch) {
    RotationProgress last = progress();
    while (!last.done() && !Thread.currentThread().isInterrupted()) {
      last = rotateBatch();
      onBatch.accept(last);
      if (last.rewritten() == 0) {
        break; // a batch that moves nothing would be repeated forever; the count says what is left
      }
    }
    return last;
  }
}
