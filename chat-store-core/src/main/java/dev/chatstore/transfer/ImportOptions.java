package dev.chatstore.transfer;

import dev.chatstore.spi.Checks;
import java.util.Optional;

/**
 * How to import: keep the export's ids or make fresh ones, what to do when a session with the
 * kept id exists, and optionally whose session it becomes. The defaults keep ids, refuse an existing
 * id and keep the exported owner.
 *
 * @param freshIds give the session and every message a new id (tool call ids are kept: they are the model's)
 * @param replaceExisting purge a session with the same id first instead of refusing with a conflict
 * @param ownerId import the session as this owner's instead of the exported owner's
 */
public record ImportOptions(boolean freshIds, boolean replaceExisting, Optional<String> ownerId) {
  public ImportOptions {
    Checks.notNull(ownerId, "ownerId").ifPresent(o -> Checks.ownerId(o, "ownerId"));
  }

  public static ImportOptions defaults() {
    return new ImportOptions(false, false, Optional.empty());
  }

  public ImportOptions withFreshIds() {
    return new ImportOptions(true, replaceExisting, ownerId);
  }

  public ImportOptions replacingExisting() {
    return new ImportOptions(freshIds, true, ownerId);
  }

  public ImportOptions withOwner(String newOwnerId) {
    return new ImportOptions(freshIds, replaceExisting, Optional.of(Checks.ownerId(newOwnerId, "ownerId")));
  }
}
