package dev.chatstore.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chatstore.jdbc.internal.H2Urls;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** A database for one test, reachable by URL both through the store and through plain JDBC. */
record TestDatabase(String url, String user, boolean isPostgres) {
  /** An H2 file database in {@code folder}, with the settings the store would add. */
  static TestDatabase h2(Path folder) {
    return new TestDatabase(H2Urls.file(folder), "", false);
  }

  /** A fresh, empty database on the tests' PostgreSQL server. */
  static TestDatabase postgres() {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.get();
    return new TestDatabase(server.url(server.createDatabase()), "postgres", true);
  }

  /** A fresh database on the tests' PostgreSQL server that already holds the schema. */
  static TestDatabase migratedPostgres() {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.get();
    return new TestDatabase(server.url(server.createMigratedDatabase()), "postgres", true);
  }

  JdbcSessionStore.Builder builder() {
    return JdbcSessionStore.builder().url(url, user, "");
  }

  JdbcSessionStore open() {
    return builder().open();
  }

  /** A pool of at most {@code size} connections to this database, as a host would hand the store. */
  HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, "");
  }

  /** Where a JSON parameter goes in this database's SQL. */
  String json() {
    return isPostgres ? "CAST(? AS jsonb)" : "?";
  }

  /** Runs one statement with positional parameters; returns the update count. */
  int update(String sql, Object... params) throws SQLException {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      return s.executeUpdate();
    }
  }

  /** The first column of every row of a query, as strings. */
  List<String> column(String sql, Object... params) throws SQLException {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      List<String> values = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
      return values;
    }
  }

  /** The names of the columns of {@code table}, lower-case, in table order. */
  List<String> columns(String table) throws SQLException {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0");
        ResultSet rs = s.executeQuery()) {
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        names.add(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT));
      }
      return names;
    }
  }

  /** The names of the chat-store tables, lower-case, sorted. */
  TreeSet<String> tables() throws SQLException {
    TreeSet<String> names = new TreeSet<>();
    try (Connection c = connect(); ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
        if (name.startsWith("chatstore_")) {
          names.add(name);
        }
      }
    }
    return names;
  }
}
