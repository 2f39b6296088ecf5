package dev.chatstore.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Edits with history on an H2 file database, which stores every string as it is; a second store shares the file. */
class H2RevisionStorageTest extends RevisionStorageTestBase {
  @TempDir
  Path folder;

  @Override
  TestDatabase database() {
    return TestDatabase.h2(folder);
  }

  @Override
  String storedText(String text) {
    return text;
  }
}
