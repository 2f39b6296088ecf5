package dev.chatstore.jdbc;

import dev.chatstore.jdbc.internal.StoredForms;

/**
 * Edits with history on PostgreSQL: revision text (content, body, author) in PgText's escaped form, as
 * every text column holds it; a second store is another pool on the same database.
 */
class PostgresRevisionStorageTest extends RevisionStorageTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.migratedPostgres();
  }

  @Override
  String storedText(String text) {
    return StoredForms.postgresText(text);
  }
}
