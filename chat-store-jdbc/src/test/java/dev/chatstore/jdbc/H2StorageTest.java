package dev.chatstore.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Stream storage and hard text on an H2 file database. */
class H2StorageTest extends StorageTestBase {
  @TempDir
  Path folder;

  @Override
  TestDatabase database() {
    return TestDatabase.h2(folder);
  }
}
