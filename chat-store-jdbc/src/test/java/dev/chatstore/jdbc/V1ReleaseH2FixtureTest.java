package dev.chatstore.jdbc;

import dev.chatstore.jdbc.internal.H2Urls;
import dev.chatstore.testkit.fixtures.FixtureResources;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 database file the first release wrote ({@code v1-release/h2/chat-store.mv.db}, H2 2.5.252),
 * copied for each test: opening may upgrade what it opens.
 */
class V1ReleaseH2FixtureTest extends V1ReleaseFixtureTestBase {
  @TempDir
  Path folder;

  @Override
  String fixture() {
    return "v1-release/h2/";
  }

  @Override
  TestDatabase database() {
    String file = H2Urls.FILE_NAME + ".mv.db";
    FixtureResources.copyFile(getClass(), fixture() + file, folder.resolve(file));
    return TestDatabase.h2(folder);
  }
}
