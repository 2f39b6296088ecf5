package dev.chatstore.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Two-channel streams on an H2 file database, which stores every string as it is. */
class H2TwoChannelStreamsTest extends TwoChannelStreamsTestBase {
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
