package dev.chatstore.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A plain-SQL dump of the chat-store tables of a PostgreSQL database, as {@code pg_dump} would make one
 * (the server binaries on Maven Central ship without it): the schema read back from the catalog
 * ({@link #schema}), the rows as INSERT statements ({@link #rows}), and {@link #load}, which runs such a
 * script. One statement ends each line that ends with {@code ;}; a literal never spans lines (control
 * and other invisible characters are written as escapes), so a dump splits without parsing SQL. Values
 * are written in PostgreSQL's own text form ({@code jsonb} as the server prints it, times in UTC), so
 * loading gives back the same values. Stateless.
 */
final class PostgresDump {
  /** The tables a chat-store of schema version 2 has, in an order their foreign keys allow rows in. */
  static final List<String> TABLES = List.of("chatstore_schema_version", "chatstore_sessions",
      "chatstore_messages", "chatstore_stream_chunks");
  private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");

  private PostgresDump() {}

  /**
   * The chat-store tables as DDL: each table with its columns (types, collations, NOT NULL, defaults),
   * then primary keys, unique and check constraints, then foreign keys, then the other indexes.
   */
  static String schema(Connection c) throws SQLException {
    requireTheKnownTables(c);
    StringBuilder ddl = new StringBuilder();
    List<String> tables = new ArrayList<>(TABLES);
    tables.sort(null);
    for (String table : tables) {
      StringJoiner columns = new StringJoiner(",\n", "CREATE TABLE " + table + " (\n", "\n);\n");
      try (PreparedStatement s = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
          + " CASE WHEN a.attcollation <> t.typcollation THEN quote_ident(co.collname) END, a.attnotnull,"
          + " pg_get_expr(d.adbin, d.adrelid)"
          + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
          + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
          + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
          + " WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
        s.setString(1, table);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            columns.add("  " + rs.getString(1) + " " + rs.getString(2)
                + (rs.getString(3) == null ? "" : " COLLATE " + rs.getString(3))
                + (rs.getBoolean(4) ? " NOT NULL" : "")
                + (rs.getString(5) == null ? "" : " DEFAULT " + rs.getString(5)));
          }
        }
      }
      ddl.append(columns).append('\n');
    }
    constraints(c, tables, "contype IN ('p', 'u', 'c')", ddl);
    constraints(c, tables, "contype = 'f'", ddl);
    for (String table : tables) {
      for (String index : strings(c, "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i"
          + " JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = ?::regclass"
          + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
          + " ORDER BY ic.relname", table)) {
        ddl.append(index).append(";\n");
      }
    }
    return ddl.toString();
  }

  /** Every row of the chat-store tables as one INSERT a line, table by table in {@link #TABLES} order. */
  static String rows(Connection c) throws SQLException {
    requireTheKnownTables(c);
    try (Statement s = c.createStatement()) {
      s.execute("SET TIME ZONE 'UTC'");
    }
    StringBuilder sql = new StringBuilder();
    for (String table : TABLES) {
      List<String> names = strings(c, "SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass"
          + " AND attnum > 0 AND NOT attisdropped ORDER BY attnum", table);
      List<String> types = strings(c, "SELECT format_type(atttypid, NULL) FROM pg_attribute"
          + " WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum", table);
      List<String> key = strings(c, "SELECT a.attname FROM pg_index i JOIN pg_attribute a"
          + " ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = ?::regclass"
          + " AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)", table);
      StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM " + table + " ORDER BY " + String.join(", ", key));
      // aliased, so that ORDER BY sorts by the columns' values, not by their text
      names.forEach(n -> select.add(n + "::text AS text_" + n));
      String insert = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES (";
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select.toString())) {
        while (rs.next()) {
          StringJoiner values = new StringJoiner(", ", insert, ");\n");
          for (int i = 0; i < names.size(); i++) {
            String v = rs.getString(i + 1);
            values.add(v == null ? "NULL" : INTEGERS.contains(types.get(i)) ? v : literal(v));
          }
          sql.append(values);
        }
      }
    }
    return sql.toString();
  }

  /** Runs every statement of a dump, in one transaction; lines starting with {@code --} are comments. */
  static void load(Connection c, String script) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (String statement : statements(script)) {
        s.execute(statement);
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** The statements of a dump, each without its final {@code ;}. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder statement = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      if (line.startsWith("--") || (line.isBlank() && statement.length() == 0)) {
        continue;
      }
      statement.append(line).append('\n');
      if (line.endsWith(";")) {
        statements.add(statement.substring(0, statement.length() - 2));
        statement.setLength(0);
      }
    }
    if (!statement.toString().isBlank()) {
      throw new IllegalArgumentException("the dump ends inside a statement: " + statement);
    }
    return statements;
  }

  /**
   * A string literal: {@code '...'} with quotes doubled, or, when it holds characters one cannot see
   * (control, format, private-use, separators), an escape string {@code E'...'} with those as
   * {@code \\uXXXX} / {@code \\UXXXXXXXX} and backslashes doubled.
   */
  static String literal(String value) {
    boolean invisible = value.codePoints().anyMatch(PostgresDump::invisible);
    StringBuilder out = new StringBuilder(value.length() + 8).append(invisible ? "E'" : "'");
    value.codePoints().forEach(cp -> {
      if (cp == '\'') {
        out.append("''");
      } else if (invisible && cp == '\\') {
        out.append("\\\\");
      } else if (invisible(cp)) {
        out.append(cp <= 0xFFFF ? String.format("\\u%04X", cp) : String.format("\\U%08X", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.append('\'').toString();
  }

  private static boolean invisible(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.PRIVATE_USE:
      case Character.SURROGATE:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return true;
      case Character.SPACE_SEPARATOR:
        return cp != ' ';
      default:
        return false;
    }
  }

  private static void constraints(Connection c, List<String> tables, String kinds, StringBuilder ddl)
      throws SQLException {
    for (String table : tables) {
      try (PreparedStatement s = c.prepareStatement("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
          + " WHERE conrelid = ?::regclass AND " + kinds + " ORDER BY contype <> 'p', conname")) {
        s.setString(1, table);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            ddl.append("ALTER TABLE ").append(table).append(" ADD CONSTRAINT ").append(rs.getString(1)).append(' ')
                .append(rs.getString(2)).append(";\n");
          }
        }
      }
    }
  }

  /** Refuses to dump a database whose chat-store tables are not the ones this dump knows the order of. */
  private static void requireTheKnownTables(Connection c) throws SQLException {
    List<String> found = strings(c, "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n"
        + " ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'"
        + " AND c.relname LIKE ? ORDER BY c.relname", "chatstore\\_%");
    List<String> known = new ArrayList<>(TABLES);
    known.sort(null);
    if (!found.equals(known)) {
      throw new IllegalStateException("expected the chat-store tables " + known + ", found " + found);
    }
  }

  private static List<String> strings(Connection c, String sql, String param) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, param);
      List<String> values = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
      return values;
    }
  }
}
