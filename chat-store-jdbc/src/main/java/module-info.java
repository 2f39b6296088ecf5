/**
 * The JDBC backend: {@code JdbcSessionStore} over H2 (the embedded default) or PostgreSQL.
 * Only {@code dev.chatstore.jdbc} is exported; drivers are found through {@link java.sql.DriverManager}.
 */
module dev.chatstore.jdbc {
  requires transitive dev.chatstore.core;
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires org.jdbi.v3.core;
  requires org.slf4j;

  exports dev.chatstore.jdbc;
}
