package dev.chatstore.jdbc;

/** Migrations on PostgreSQL, where concurrent openers serialize on an advisory lock. */
class PostgresMigrationTest extends MigrationTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}
