package dev.chatstore.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.UnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * What a transaction throws when the driver fails it with something other than an SQLException, as
 * pgjdbc 42.7.4 did with -ea when its connection was cut in a batch: UnavailableException, and the
 * pool hears of the failure. Errors of the store's own code pass as they are.
 */
class DbTest {
  private final List<Throwable> heard = new ArrayList<>();
  private final Db db = new Db(Jdbi.create("jdbc:h2:mem:dbtest"), Dialect.H2, heard::add);

  @Test
  void anAssertionErrorTheDriverThrewIsUnavailable() {
    AssertionError driver = thrownAt("org.postgresql.jdbc.BatchResultHandler",
        new AssertionError("Should not throw: getAutoCommit() should not throw"));

    assertThatThrownBy(() -> db.inTransaction("appending to session s", h -> {
      throw driver;
    })).isInstanceOf(UnavailableException.class)
        .hasMessageContaining("appending to session s failed")
        .hasMessageContaining("connection broke")
        .hasCause(driver);
    assertThatThrownBy(() -> db.read("reading a page", h -> {
      throw thrownAt("org.postgresql.core.v3.QueryExecutorImpl", new IllegalStateException("closed"));
    })).isInstanceOf(UnavailableException.class);
    assertThat(heard).hasSize(2);
    assertThat(SqlErrors.isConnectionLost(driver)).isTrue();
  }

  @Test
  void anErrorOfTheStoresOwnCodePassesAsItIs() {
    AssertionError ours = new AssertionError("a bug of ours");
    assertThatThrownBy(() -> db.inTransaction("appending", h -> {
      throw ours;
    })).isSameAs(ours);
    IllegalStateException alsoOurs = new IllegalStateException("a bug of ours");
    assertThatThrownBy(() -> db.read("reading", h -> {
      throw alsoOurs;
    })).isSameAs(alsoOurs);
    assertThat(heard).isEmpty();
  }

  /** {@code e} as if thrown by a method of {@code type}. */
  private static <E extends Throwable> E thrownAt(String type, E e) {
    StackTraceElement[] trace = e.getStackTrace();
    StackTraceElement[] moved = new StackTraceElement[trace.length + 1];
    moved[0] = new StackTraceElement(type, "handle", type.substring(type.lastIndexOf('.') + 1) + ".java", 42);
    System.arraycopy(trace, 0, moved, 1, trace.length);
    e.setStackTrace(moved);
    return e;
  }
}
