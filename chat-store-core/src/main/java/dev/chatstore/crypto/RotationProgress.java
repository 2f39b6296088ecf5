package dev.chatstore.crypto;

import dev.chatstore.spi.Checks;

/**
 * Where a {@link KeyRotation} stands after a batch: how many values that batch sealed anew, and how
 * many are still sealed with another key than the current one (or not sealed at all).
 *
 * @param rewritten values sealed with the current key by the call that returned this
 * @param remaining values still to rewrite, counted after the call
 * @param currentKeyId the key the rotation seals with
 */
public record RotationProgress(long rewritten, long remaining, String currentKeyId) {
  public RotationProgress {
    Checks.notNull(currentKeyId, "currentKeyId");
    if (rewritten < 0 || remaining < 0) {
      throw new IllegalArgumentException("counts are never negative");
    }
  }

  /** True when every value is sealed with the current key. */
  public boolean done() {
    return remaining == 0;
  }
}
