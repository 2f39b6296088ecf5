package dev.chatstore.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The key race on one H2 file shared by two stores of this JVM. */
class H2KeyRaceTest extends KeyRaceTestBase {
  @TempDir
  Path folder;

  @Override
  TestDatabase database() {
    return TestDatabase.h2(folder);
  }
}
