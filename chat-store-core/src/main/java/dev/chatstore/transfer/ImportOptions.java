package dev.chatstore.transfer;

import dev.chatstore.spi.Checks;
import java.util.Optional;

/**
 * How to import: keep the export's ids or make fresh ones, what to do when a session with the
 * kept id exists, optionally whose session it becomes, and whether the session keeps its
 * conversation key. The defaults keep ids, refuse an existing id, keep the exported owner and keep
 * the key.
 *
 * @param freshIds give the session and every message a new id (tool call ids are kept: they are the model's)
 * @param replaceExisting purge a session with the same id first instead of refusing with a conflict;
 *     through an owner view only a session of the view's owner, another owner's id getting fresh ids
 * @param ownerId import the session as this owner's instead of the exported owner's; an owner view
 *     always imports as its own owner. An import with an owner reaches only that owner's sessions: an
 *     exported id another owner's session holds is imported with fresh ids, never replaced or refused
 * @param keepKey give the session the export's conversation key; an import whose key another session
 *     of the importing owner already has is refused, so without it such an export imports unkeyed
 */
public record ImportOptions(boolean freshIds, boolean replaceExisting, Optional<String> ownerId, boolean keepKey) {
  public ImportOptions {
    Checks.notNull(ownerId, "ownerId").ifPresent(o -> Checks.ownerId(o, "ownerId"));
  }

  public static ImportOptions defaults() {
    return new ImportOptions(false, false, Optional.empty(), true);
  }

  public ImportOptions withFreshIds() {
    return new ImportOptions(true, replaceExisting, ownerId, keepKey);
  }

  public ImportOptions replacingExisting() {
    return new ImportOptions(freshIds, true, ownerId, keepKey);
  }

  public ImportOptions withOwner(String newOwnerId) {
    return new ImportOptions(freshIds, replaceExisting, Optional.of(Checks.ownerId(newOwnerId, "ownerId")), keepKey);
  }

  /**
   * Import the session without its conversation key: for a copy beside the original (with
   * {@link #withFreshIds()}), since a key names one session of an owner.
   */
  public ImportOptions withoutKey() {
    return new ImportOptions(freshIds, replaceExisting, ownerId, false);
  }
}
