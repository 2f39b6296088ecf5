package dev.chatstore.crypto;

import dev.chatstore.spi.Checks;

/**
 * Where a {@link KeyRotation} stands after a batch: how many items that batch sealed anew, and how
 * many are still sealed with another key than the current one (or not sealed at all).
 *
 * <p>An item is what the store seals as one: a value (a column of a row) on a JDBC store, a session
 * file (with every line in it) or the index on the file store.
 *
 * @param rewritten items sealed with the current key by the call that returned this
 * @param remaining items still to rewrite after the call (how exact a store counts: its javadoc)
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
