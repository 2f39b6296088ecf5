package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database file written by an older H2 still opens after an upgrade of H2, and reads back as it was
 * written: the fixture under test resources was written through the store by H2 2.3.232 (see
 * {@link H2FixtureWriter} and {@link ReleaseFixture}), with the export of its chat as that version read
 * it. (It is at schema version 2; {@link H2MigrationTest} checks its upgrade.)
 */
class H2FileFormatTest {
  @TempDir
  Path folder;

  @Test
  void aDatabaseWrittenByH2_2_3_232ReadsBackIdentically() throws IOException {
    ReleaseFixture.copyFile(folder);
    try (JdbcSessionStore store = JdbcSessionStore.h2(folder)) {
      ReleaseFixture.assertReadsBack(store);
    }
    // and it still opens after the new version wrote to it
    try (JdbcSessionStore store = JdbcSessionStore.h2(folder)) {
      assertThat(store.getSession(H2FixtureWriter.SESSION_ID).title())
          .isEqualTo("Trip to Z\u00FCrich \uD83C\uDDE8\uD83C\uDDED");
    }
  }
}
