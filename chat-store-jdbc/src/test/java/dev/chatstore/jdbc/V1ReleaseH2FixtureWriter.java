package dev.chatstore.jdbc;

import dev.chatstore.testkit.fixtures.FixtureOutput;
import dev.chatstore.testkit.fixtures.V1ReleaseDataSet;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes the {@code v1-release/h2} fixture that {@link V1ReleaseH2FixtureTest} opens: the
 * {@link V1ReleaseDataSet} written by today's {@link JdbcSessionStore} into an H2 file database
 * ({@code chat-store.mv.db}, schema version 2), and {@code expected.json}, the description of the store
 * that wrote it, made before it closed. Run once, by the release the fixture stands for; the command is
 * in the fixture's README.md.
 */
public final class V1ReleaseH2FixtureWriter {
  private V1ReleaseH2FixtureWriter() {}

  /** Arguments: the fixture folder (new or empty), the commit whose main code is running. */
  public static void main(String[] args) throws SQLException {
    FixtureOutput out = FixtureOutput.create(Path.of(args[0]));
    try (JdbcSessionStore store = JdbcSessionStore.h2Builder(out.folder()).clock(V1ReleaseDataSet.clock()).open()) {
      V1ReleaseDataSet.write(store);
      out.write("expected.json", V1ReleaseDataSet.describer().describe(store));
    }
    TestDatabase db = TestDatabase.h2(out.folder());
    String schema = db.column("SELECT MAX(version) FROM chatstore_schema_version").get(0);
    // H2 rewrites the file without its free space, so the repository keeps kilobytes; same H2, same data
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN COMPACT");
    }
    out.writtenBy(V1ReleaseH2FixtureWriter.class, args[1], "H2 " + org.h2.engine.Constants.FULL_VERSION
        + ", chat-store schema version " + schema + ", then SHUTDOWN COMPACT");
  }
}
