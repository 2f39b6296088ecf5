package dev.chatstore;

import dev.chatstore.spi.Checks;
import java.util.Optional;

/** A page size and, after the first page, the cursor a previous page returned. */
public record PageRequest(int limit, Optional<String> cursor) {
  /** Largest page size accepted. */
  public static final int MAX_LIMIT = 1000;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit", "must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
    Checks.notNull(cursor, "cursor");
    cursor.ifPresent(c -> Checks.notBlank(c, "cursor", 1024));
  }

  public static PageRequest first(int limit) {
    return new PageRequest(limit, Optional.empty());
  }

  public static PageRequest from(String cursor, int limit) {
    return new PageRequest(limit, Optional.of(Checks.notNull(cursor, "cursor")));
  }
}
