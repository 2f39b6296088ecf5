package dev.chatstore.jdbc;

import dev.chatstore.jdbc.internal.StoredForms;

/**
 * Two-channel streams on PostgreSQL, which refuses NUL in text: a chunk's extras and the body are text
 * columns holding compact JSON (NUL as JSON's escape sequence) in PgText's escaped form.
 */
class PostgresTwoChannelStreamsTest extends TwoChannelStreamsTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.migratedPostgres();
  }

  @Override
  String storedText(String text) {
    return StoredForms.postgresText(text);
  }
}
