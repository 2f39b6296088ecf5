package dev.chatstore.jdbc;

/** Damaged rows on PostgreSQL. */
class PostgresCorruptRowsTest extends CorruptRowsTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.migratedPostgres();
  }
}
