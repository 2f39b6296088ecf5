package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.jdbc.internal.Migrator;
import dev.chatstore.testkit.fixtures.AppendAndReopen;
import dev.chatstore.testkit.fixtures.FixtureResources;
import dev.chatstore.testkit.fixtures.V1ReleaseDataSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A database written by the first release (schema version 2, see {@code v1-release/README.md}), for one
 * database kind: opened with today's code it is brought to the schema version today's code expects and
 * reads back exactly as the store that wrote it described it ({@code expected.json}), and still does once
 * today's code has appended to it.
 */
abstract class V1ReleaseFixtureTestBase {
  /** The fixture's folder on the test class path. */
  abstract String fixture();

  /** A database of this test's own holding the fixture, not opened by a store yet. */
  abstract TestDatabase database() throws Exception;

  @Test
  void itReadsBackAsTheStoreThatWroteItDescribedIt() throws Exception {
    TestDatabase db = database();
    try (JdbcSessionStore store = db.open()) {
      assertThat(V1ReleaseDataSet.describer().describe(store))
          .isEqualTo(FixtureResources.text(getClass(), fixture() + "expected.json"));
    }
  }

  @Test
  void openingItBringsTheSchemaToTheVersionTodaysCodeExpects() throws Exception {
    TestDatabase db = database();
    db.open().close();

    List<String> all = IntStream.rangeClosed(1, Migrator.ALL.size()).mapToObj(Integer::toString)
        .collect(Collectors.toList());
    assertThat(db.column("SELECT version FROM chatstore_schema_version ORDER BY version")).isEqualTo(all);
  }

  @Test
  void appendingToItThenReopeningStillReadsEverythingBack() throws Exception {
    TestDatabase db = database();

    AppendAndReopen.check(db::open, V1ReleaseDataSet.OWNERS, V1ReleaseDataSet.TRIP);
  }
}
