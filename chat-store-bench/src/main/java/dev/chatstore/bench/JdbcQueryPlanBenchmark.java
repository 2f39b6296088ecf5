package dev.chatstore.bench;

import dev.chatstore.bench.support.H2Bench;
import dev.chatstore.bench.support.ReadFixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Diagnostic, not a target: the SQL behind {@link JdbcReadBenchmark} and {@link JdbcListBenchmark} as
 * chat-store-jdbc issues it (copied from MessageDao, Rows, Dialect and SessionLister when this was
 * written) against the same SQL with an ORDER BY that names the index's leading column too, run by
 * plain JDBC on the same fixtures. H2 2.3 uses an index to deliver ORDER BY only when the ORDER BY
 * starts with the index's first column, even if a WHERE fixes that column to one value: without it,
 * H2 reads every row of the session (or owner) and sorts them before taking 50. For the middle page
 * it also takes the primary key's range only when told to use that index. If the store's SQL
 * changes, the "store" variants here no longer mirror it; they stay a record of the diagnosis.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class JdbcQueryPlanBenchmark {
  private static final String MESSAGE_COLUMNS = "m.session_id, m.seq, m.id, m.role, m.status, m.content,"
      + " m.tool_calls, m.tool_result, m.metadata, m.created_at, m.updated_at, CASE WHEN m.status IN ('PENDING',"
      + " 'STREAMING') THEN (SELECT LISTAGG(c.chunk_text, '') WITHIN GROUP (ORDER BY c.chunk_no)"
      + " FROM chatstore_stream_chunks c WHERE c.session_id = m.session_id AND c.message_id = m.id) END AS streamed";
  private static final String SUMMARY_COLUMNS =
      "id, owner_id, project_id, title, updated_at, message_count, preview, deleted_at";

  @Param({"newestPage-store", "newestPage-indexed", "middlePage-store", "middlePage-indexed",
      "sessionsFirstPage-store", "sessionsFirstPage-indexed"})
  String variant;

  private Connection connection;
  private String sql;
  private String key;
  private long seq;
  private int limit;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    boolean sessions = variant.startsWith("sessions");
    Path folder = sessions ? ReadFixtures.h2ManySessions() : ReadFixtures.h2MillionMessages();
    connection = DriverManager.getConnection(H2Bench.readUrl(folder));
    String from = "FROM chatstore_messages m WHERE m.session_id = ?";
    sql = switch (variant) {
      case "newestPage-store" -> "SELECT " + MESSAGE_COLUMNS + " " + from + " ORDER BY m.seq DESC LIMIT ?";
      case "newestPage-indexed" -> "SELECT " + MESSAGE_COLUMNS + " " + from
          + " ORDER BY m.session_id DESC, m.seq DESC LIMIT ?";
      case "middlePage-store" -> "SELECT " + MESSAGE_COLUMNS + " " + from + " AND m.seq > ? ORDER BY m.seq ASC LIMIT ?";
      case "middlePage-indexed" -> "SELECT " + MESSAGE_COLUMNS + " FROM chatstore_messages m USE INDEX ("
          + primaryKeyIndex() + ") WHERE m.session_id = ? AND m.seq > ? ORDER BY m.session_id, m.seq LIMIT ?";
      case "sessionsFirstPage-store" -> "SELECT " + SUMMARY_COLUMNS + " FROM chatstore_sessions s"
          + " WHERE owner_id = ? AND deleted_at IS NULL ORDER BY updated_at DESC, id DESC LIMIT ?";
      case "sessionsFirstPage-indexed" -> "SELECT " + SUMMARY_COLUMNS + " FROM chatstore_sessions s"
          + " WHERE owner_id = ? AND deleted_at IS NULL ORDER BY owner_id DESC, updated_at DESC, id DESC LIMIT ?";
      default -> throw new IllegalArgumentException(variant);
    };
    key = sessions ? ReadFixtures.MANY_OWNER : ReadFixtures.BIG_SESSION;
    seq = variant.startsWith("middle") ? JdbcReadBenchmark.MIDDLE : -1;
    // as the store binds them: a message page asks for 50, a session page for one more than 50
    limit = sessions ? 51 : 50;
  }

  private String primaryKeyIndex() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT index_name FROM information_schema.indexes"
        + " WHERE table_name = 'CHATSTORE_MESSAGES' AND index_type_name = 'PRIMARY KEY'");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    connection.close();
  }

  @Benchmark
  public long query() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, key);
      if (seq >= 0) {
        ps.setLong(i++, seq);
      }
      ps.setInt(i, limit);
      long rows = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows += rs.getString(1).length() > 0 ? 1 : 0;
        }
      }
      if (rows != limit) {
        throw new IllegalStateException(variant + " returned " + rows + " rows");
      }
      return rows;
    }
  }
}
