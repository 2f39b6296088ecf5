package dev.chatstore.jdbc;

import dev.chatstore.testkit.fixtures.FixtureOutput;
import dev.chatstore.testkit.fixtures.V1ReleaseDataSet;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writes the {@code v1-release/postgresql} fixture that {@link V1ReleasePostgresFixtureTest} loads: the
 * {@link V1ReleaseDataSet} written by today's {@link JdbcSessionStore} into a fresh database on the
 * tests' embedded PostgreSQL server, then dumped ({@link PostgresDump}) as {@code schema.sql}, the
 * tables as today's migrations made them, read back from the catalog, and {@code rows.sql}, every row
 * of them; and {@code expected.json}, the description of the store that wrote them, made before it
 * closed. Run once, by the release the fixture stands for; the command is in the fixture's README.md.
 */
public final class V1ReleasePostgresFixtureWriter {
  private V1ReleasePostgresFixtureWriter() {}

  /** Arguments: the fixture folder (new or empty), the commit whose main code is running. */
  public static void main(String[] args) throws SQLException {
    FixtureOutput out = FixtureOutput.create(Path.of(args[0]));
    TestDatabase db = TestDatabase.postgres();
    try (JdbcSessionStore store = db.builder().clock(V1ReleaseDataSet.clock()).open()) {
      V1ReleaseDataSet.write(store);
      out.write("expected.json", V1ReleaseDataSet.describer().describe(store));
    }
    String schema = db.column("SELECT MAX(version) FROM chatstore_schema_version").get(0);
    String server = db.column("SHOW server_version").get(0);
    String header = "-- chat-store schema version " + schema + ", PostgreSQL " + server
        + ", dumped by dev.chatstore.jdbc.PostgresDump (see README.md)\n";
    try (Connection c = db.connect()) {
      out.write("schema.sql", header + PostgresDump.schema(c));
      out.write("rows.sql", header + PostgresDump.rows(c));
    }
    out.writtenBy(V1ReleasePostgresFixtureWriter.class, args[1], "PostgreSQL " + server
        + " (io.zonky.test.postgres embedded binaries), chat-store schema version " + schema);
  }
}
