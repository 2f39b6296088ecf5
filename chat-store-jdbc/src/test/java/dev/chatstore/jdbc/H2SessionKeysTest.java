package dev.chatstore.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Conversation keys on an H2 file database. */
class H2SessionKeysTest extends SessionKeysTestBase {
  @TempDir
  Path folder;

  @Override
  TestDatabase database() {
    return TestDatabase.h2(folder);
  }

  @Override
  String plan(String query) throws Exception {
    return String.join("\n", db.column("EXPLAIN " + query, "o", "k"));
  }
}
