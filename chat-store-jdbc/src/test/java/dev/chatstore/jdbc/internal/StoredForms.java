package dev.chatstore.jdbc.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Test access to how values are stored on PostgreSQL, for storage tests that look at the tables
 * directly: the stored form of a text and the tree of a stored JSON column, as the store makes them.
 */
public final class StoredForms {
  private static final TextCodec POSTGRESQL = new TextCodec(Dialect.POSTGRESQL);

  private StoredForms() {}

  /** {@code text} as a PostgreSQL text column holds it (PgText's escaped form). */
  public static String postgresText(String text) {
    return POSTGRESQL.text(text);
  }

  /** The tree of a PostgreSQL JSON column's text, its strings unescaped. */
  public static JsonNode postgresJson(String stored) {
    return POSTGRESQL.tree(stored, "test");
  }
}
