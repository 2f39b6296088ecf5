package dev.chatstore.jdbc;

/** The key race on PostgreSQL, two stores with their own pools. */
class PostgresKeyRaceTest extends KeyRaceTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.migratedPostgres();
  }
}
