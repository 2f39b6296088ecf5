package dev.chatstore.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test base run on each database: a fresh database and a store open on it for every test. */
abstract class OpenStoreTestBase {
  TestDatabase db;
  JdbcSessionStore store;

  /** The database this run is on, new for each test. */
  abstract TestDatabase database();

  @BeforeEach
  void open() {
    db = database();
    store = db.open();
  }

  @AfterEach
  void close() {
    store.close();
  }
}
