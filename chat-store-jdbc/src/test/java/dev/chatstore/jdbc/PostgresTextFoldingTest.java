package dev.chatstore.jdbc;

/** Case folding of search and the list filter on PostgreSQL. */
class PostgresTextFoldingTest extends TextFoldingTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.migratedPostgres();
  }
}
