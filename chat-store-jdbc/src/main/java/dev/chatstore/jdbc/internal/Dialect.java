package dev.chatstore.jdbc.internal;

import dev.chatstore.InvalidInputException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases the store speaks, and the few SQL fragments that differ between them. Everything
 * else is plain SQL both understand. Immutable.
 */
public enum Dialect {
  H2("h2"),
  POSTGRESQL("postgresql");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /**
   * The dialect of the database behind {@code connection}, from its metadata; an
   * {@link InvalidInputException} naming {@code property} for any other database.
   */
  static Dialect detect(Connection connection, String property) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (name.equals("h2")) {
      return H2;
    }
    if (name.equals("postgresql")) {
      return POSTGRESQL;
    }
    throw new InvalidInputException(property, "connects to " + product
        + ", which chat-store does not support: use H2 or PostgreSQL");
  }

  /** The folder of this dialect's migration scripts. */
  String folder() {
    return folder;
  }

  /** Where a JSON parameter goes in SQL: PostgreSQL casts the bound text to jsonb. */
  String json(String parameter) {
    return this == POSTGRESQL ? "CAST(" + parameter + " AS jsonb)" : parameter;
  }

  /**
   * A query returning {@code columns} of the rows {@code update} changed, in one statement:
   * PostgreSQL's RETURNING, H2's data change delta table.
   */
  String returning(String update, String columns) {
    return this == POSTGRESQL
        ? update + " RETURNING " + columns
        : "SELECT " + columns + " FROM FINAL TABLE (" + update + ")";
  }

  /**
   * The texts of {@code column} joined in the order of {@code orderBy} with {@code separator} (text
   * without a quote) between them: an aggregate. NULLs are left out; NULL if every one is NULL.
   */
  String concatInOrder(String column, String orderBy, String separator) {
    String literal = "'" + separator + "'";
    return this == POSTGRESQL
        ? "string_agg(" + column + ", " + literal + " ORDER BY " + orderBy + ")"
        : "LISTAGG(" + column + ", " + literal + ") WITHIN GROUP (ORDER BY " + orderBy + ")";
  }

  /**
   * A condition: {@code expression} contains the text of LIKE pattern parameter {@code parameter}
   * ({@link LikePattern}), ignoring case. This is {@link dev.chatstore.spi.TextMatch} in SQL:
   * {@code LOWER(expression) LIKE pattern}, the needle folded by TextMatch in Java and the text by
   * the database. The two foldings agree: H2's LOWER is Java's {@link String#toLowerCase()}, and
   * PostgreSQL's lower() maps each character on its own as {@link Character#toLowerCase(int)} does
   * (checked against every code point under the builtin C.UTF-8 locale; ICU locales apply the full
   * mapping, as Java does). For the few needles that TextMatch's root-locale mapping folds
   * otherwise than the database would (U+0130, a Greek final sigma, a Turkish default locale),
   * {@link LikePattern} leaves the needle unfolded ({@code folded} false) and the condition lowers it
   * in SQL, so both sides are the database's: results stay what they were, and for those needles may
   * differ from the in-memory store's.
   */
  String containsIgnoringCase(String expression, String parameter, boolean folded) {
    // '!' rather than the usual backslash, which Jdbi's statement parser treats as an escape itself
    return "LOWER(" + expression + ") LIKE " + (folded ? parameter : "LOWER(" + parameter + ")") + " ESCAPE '!'";
  }

  /**
   * What follows a table name to make the planner use {@code index}: H2 takes a hint; PostgreSQL's
   * planner needs none (and takes none).
   */
  String indexHint(String index) {
    return this == H2 ? " USE INDEX (" + index + ")" : "";
  }

  /** A statement that makes the current transaction the only one migrating, or empty if none is needed. */
  String migrationLock() {
    // Advisory locks are per database; the key is "chatstor" in ASCII, any constant would do.
    return this == POSTGRESQL ? "SELECT pg_advisory_xact_lock(7161677110969962354)" : "";
  }

  /** A query giving one row if the schema-version table exists in the schema tables are created in. */
  String versionTableExists() {
    return this == POSTGRESQL
        ? "SELECT 1 WHERE to_regclass('chatstore_schema_version') IS NOT NULL"
        : "SELECT 1 FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = CURRENT_SCHEMA"
            + " AND TABLE_NAME = 'CHATSTORE_SCHEMA_VERSION'";
  }
}
