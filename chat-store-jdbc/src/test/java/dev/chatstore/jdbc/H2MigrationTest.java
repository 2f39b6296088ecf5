package dev.chatstore.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Migrations on an H2 file database. */
class H2MigrationTest extends MigrationTestBase {
  @TempDir
  Path folder;

  @Override
  TestDatabase database() {
    return TestDatabase.h2(folder);
  }

  @Override
  TestDatabase version2Fixture() throws Exception {
    ReleaseFixture.copyFile(folder);
    return TestDatabase.h2(folder);
  }
}
