/**
 * The JDBC store's implementation; nothing here is exported from the module.
 *
 * <p>Where the SQL is: each table has one owner class holding its columns, every statement on it and
 * its row mapping: {@link dev.chatstore.jdbc.internal.SessionTable}, {@link
 * dev.chatstore.jdbc.internal.MessageTable} (the one message INSERT that appends, stream begins and
 * forks share), {@link dev.chatstore.jdbc.internal.ChunkTable} and {@link
 * dev.chatstore.jdbc.internal.RevisionTable}; the schema-version table's few
 * statements are the {@link dev.chatstore.jdbc.internal.Migrator}'s. The statements are built once per
 * dialect in Java rather than kept as {@code .sql} resources because nearly all of them are the same on
 * H2 and PostgreSQL (the few fragments that differ are {@link dev.chatstore.jdbc.internal.Dialect}'s),
 * several are put together from optional parts (updates of some columns, list filters, a cursor), and
 * the batched plain-JDBC statements of the stream path need the very same text.
 *
 * <p>The other classes hold no SQL: the operations (sessions, messages, edits, search, listing, tool
 * executions, fork, recovery, the stream sink and its grouped writes) run the tables' statements in
 * their transactions and leave each store rule to core's {@code dev.chatstore.spi}.
 */
package dev.chatstore.jdbc.internal;
