package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.InvalidInputException;
import dev.chatstore.NewSession;
import dev.chatstore.StoreLimits;
import dev.chatstore.StoreOptions;
import dev.chatstore.UnavailableException;
import dev.chatstore.jdbc.internal.H2Urls;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder and the one-line factories: each setter checks its argument at once, naming it. */
class BuilderTest {
  @TempDir
  Path folder;

  @Test
  void settersRefuseBadValuesNamingTheProperty() {
    JdbcSessionStore.Builder b = JdbcSessionStore.builder();
    refused(() -> b.dataSource(null), "dataSource");
    refused(() -> b.url(null), "url");
    refused(() -> b.url(" "), "url");
    refused(() -> b.url("postgresql://localhost/db"), "url");
    refused(() -> b.url("jdbc:nosuchdb://x"), "url");
    refused(() -> b.url("jdbc:h2:mem:x", null, ""), "user");
    refused(() -> b.url("jdbc:h2:mem:x", "", null), "password");
    refused(() -> b.limits(null), "limits");
    refused(() -> b.clock(null), "clock");
    refused(() -> b.options(null), "options");
    refused(() -> b.recoverStreamsIdleFor(null), "recoverStreamsIdleFor");
    refused(() -> b.recoverStreamsIdleFor(Duration.ofSeconds(-1)), "recoverStreamsIdleFor");
    refused(() -> b.maxConnections(0), "maxConnections");
    refused(b::open, "dataSource");
  }

  @Test
  void theFactoriesRefuseBadArguments() throws Exception {
    refused(() -> JdbcSessionStore.h2(null), "folder");
    Path file = Files.writeString(folder.resolve("a-file"), "x");
    refused(() -> JdbcSessionStore.h2(file), "folder");
    refused(() -> JdbcSessionStore.postgres(null), "dataSource");
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:not-postgres");
    refused(() -> JdbcSessionStore.postgres(h2), "dataSource");
  }

  @Test
  void aDatabaseOtherThanH2OrPostgresqlIsRefusedClearly() {
    assertThatThrownBy(() -> JdbcSessionStore.builder().dataSource(pretending("MySQL")).open())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("dataSource"))
        .hasMessageContaining("MySQL")
        .hasMessageContaining("H2 or PostgreSQL");
  }

  @Test
  void anUnreachableDatabaseIsUnavailable() {
    assertThatThrownBy(() -> JdbcSessionStore.builder()
        .url("jdbc:postgresql://127.0.0.1:1/none", "u", "p").open())
        .isInstanceOf(UnavailableException.class);
  }

  @Test
  void h2CreatesTheFolderAndTheStoreUsesTheGivenClockAndLimits() {
    Instant fixed = Instant.parse("2030-05-06T07:08:09.123456789Z");
    Path nested = folder.resolve("a/b");
    try (JdbcSessionStore store = JdbcSessionStore.builder()
        .url(H2Urls.file(nested))
        .clock(Clock.fixed(fixed, ZoneOffset.UTC))
        .limits(StoreLimits.defaults().withMaxTitleChars(5))
        .open()) {
      assertThat(store.createSession(NewSession.forOwner("o").build()).createdAt())
          .isEqualTo(Instant.parse("2030-05-06T07:08:09.123456Z"));
      refused(() -> store.createSession(NewSession.forOwner("o").title("too long").build()), "title");
    }
    try (JdbcSessionStore store = JdbcSessionStore.h2(folder.resolve("c/d"))) {
      assertThat(store.latestSession("nobody")).isEmpty();
    }
    assertThat(folder.resolve("c/d/chat-store.mv.db")).exists();
  }

  @Test
  void oneStoreOptionsValueSetsEverySharedSettingAtOnce() {
    Instant fixed = Instant.parse("2030-05-06T07:08:09Z");
    StoreOptions options = StoreOptions.defaults().withClock(Clock.fixed(fixed, ZoneOffset.UTC))
        .withLimits(StoreLimits.defaults().withMaxTitleChars(5));
    try (JdbcSessionStore store = JdbcSessionStore.builder().options(options).url(H2Urls.file(folder)).open()) {
      assertThat(store.createSession(NewSession.forOwner("o").build()).createdAt()).isEqualTo(fixed);
      refused(() -> store.createSession(NewSession.forOwner("o").title("too long").build()), "title");
    }
  }

  @Test
  void aClosedStoreRefusesWork() {
    JdbcSessionStore store = JdbcSessionStore.h2(folder);
    store.close();
    store.close();
    assertThatThrownBy(() -> store.latestSession("o")).isInstanceOf(UnavailableException.class);
  }

  private static void refused(Runnable call, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  /** A DataSource whose connections say they belong to {@code product}. */
  private static DataSource pretending(String product) {
    DatabaseMetaData metadata = proxy(DatabaseMetaData.class, name -> {
      if (name.equals("getDatabaseProductName")) {
        return product;
      }
      return name.equals("getURL") ? "jdbc:" + product.toLowerCase() + "://x" : null;
    });
    Connection connection = proxy(Connection.class, name -> {
      switch (name) {
        case "getMetaData":
          return metadata;
        case "getAutoCommit":
          return true;
        case "isClosed":
        case "isReadOnly":
          return false;
        case "getTransactionIsolation":
          return Connection.TRANSACTION_READ_COMMITTED;
        default:
          return null;
      }
    });
    return proxy(DataSource.class, name -> name.equals("getConnection") ? connection : null);
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, java.util.function.Function<String, Object> answer) {
    return (T) Proxy.newProxyInstance(BuilderTest.class.getClassLoader(), new Class<?>[] {type},
        (p, method, args) -> answer.apply(method.getName()));
  }
}
