package dev.chatstore.jdbc;

import dev.chatstore.SessionStore;
import dev.chatstore.testkit.crash.CrashContract;
import dev.chatstore.testkit.crash.StoreFactory;

/**
 * A host process writing to PostgreSQL is killed with SIGKILL: every acknowledged append and flushed
 * chunk is in the database, in order and once. On a shared database a reopened store does not cut
 * streams that may belong to another live process; recovery with an idle time of zero (what a host
 * that knows the writer is dead calls) marks the message INTERRUPTED and the session goes on.
 */
class PostgresCrashTest extends CrashContract {
  /** Opens the database at a JDBC URL on the tests' server as user postgres. */
  public static final class Factory implements StoreFactory {
    @Override
    public SessionStore open(String location) {
      return JdbcSessionStore.builder().url(location, "postgres", "").open();
    }
  }

  @Override
  protected Class<? extends StoreFactory> storeFactory() {
    return Factory.class;
  }

  @Override
  protected String newLocation() {
    return TestDatabase.postgres().url();
  }

  @Override
  protected boolean recoversOnReopen() {
    return false;
  }
}
