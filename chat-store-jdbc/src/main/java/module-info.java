/**
 * The JDBC backend: {@code JdbcSessionStore} over H2 (the embedded default) or PostgreSQL.
 * Only {@code dev.chatstore.jdbc} is exported; drivers are found through {@link java.sql.DriverManager}.
 */
module dev.chatstore.jdbc {
  requires transitive dev.chatstore.core;
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires org.jdbi.v3.core;
  // Jdbi is an automatic module, so it cannot require its own dependency geantyref (an explicit module):
  // nothing would put geantyref in a host's module graph, and Jdbi.create fails with NoClassDefFoundError
  // (ModuleBoundaryTest in chat-store-examples runs a host on the module path).
  requires io.leangen.geantyref;
  requires org.slf4j;

  exports dev.chatstore.jdbc;
}
