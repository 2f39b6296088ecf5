package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatstore.jdbc.internal.Db;
import dev.chatstore.jdbc.internal.Dialect;
import dev.chatstore.jdbc.internal.Migrator;
import dev.chatstore.testkit.fixtures.FixtureResources;
import java.sql.Connection;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL database the first release wrote, loaded for each test into a fresh database from its
 * dump ({@code v1-release/postgresql/schema.sql}, the tables as that release's migrations made them, then
 * {@code rows.sql}); and a check that the dump is what those migrations make, so the fixture stands for
 * the database the release really left behind.
 */
class V1ReleasePostgresFixtureTest extends V1ReleaseFixtureTestBase {
  /** The schema version the first release wrote; later migrations must not change what it made. */
  private static final int RELEASED_SCHEMA_VERSION = 2;

  @Override
  String fixture() {
    return "v1-release/postgresql/";
  }

  @Override
  TestDatabase database() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    try (Connection c = db.connect()) {
      PostgresDump.load(c, FixtureResources.text(getClass(), fixture() + "schema.sql"));
      PostgresDump.load(c, FixtureResources.text(getClass(), fixture() + "rows.sql"));
    }
    return db;
  }

  @Test
  void theReleasedMigrationsStillMakeTheSchemaOfTheDump() throws Exception {
    TestDatabase db = TestDatabase.postgres();
    try (HikariDataSource pool = db.pool(2)) {
      new Migrator(new Db(Jdbi.create(pool), Dialect.POSTGRESQL), Clock.systemUTC())
          .migrate(Migrator.ALL.subList(0, RELEASED_SCHEMA_VERSION));
    }
    try (Connection c = db.connect()) {
      assertThat(PostgresDump.statements(PostgresDump.schema(c)))
          .isEqualTo(PostgresDump.statements(FixtureResources.text(getClass(), fixture() + "schema.sql")));
    }
  }
}
