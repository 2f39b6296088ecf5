package dev.chatstore.jdbc;

/** Migrations on PostgreSQL, where concurrent openers serialize on an advisory lock. */
class PostgresMigrationTest extends MigrationTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }

  /** The release's rows copied into a database that release's migrations made. */
  @Override
  TestDatabase version2Fixture() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    migrateTo(db, 2);
    ReleaseFixture.copyRows(scratch, db);
    return db;
  }
}
