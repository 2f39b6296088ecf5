package dev.chatstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.InvalidInputException;
import dev.chatstore.SessionStore;
import dev.chatstore.StoreLimits;
import dev.chatstore.StoreOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared builder base: setters chain on the backend's builder, and open() sees what was set. */
class StoreBuilderTest {
  /** A backend's builder as a backend writes one: its own setter, and open() reading options(). */
  static final class TestBuilder extends StoreBuilder<TestBuilder, SessionStore> {
    final List<StoreOptions> opened = new ArrayList<>();
    String where = "";

    TestBuilder where(String where) {
      this.where = Checks.notBlank(where, "where", 10);
      return this;
    }

    @Override
    public SessionStore open() {
      opened.add(options());
      return SessionStore.inMemory();
    }
  }

  private final Clock fixed = Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"), ZoneOffset.UTC);

  @Test
  void sharedAndOwnSettersChainInAnyOrderAndOpenSeesThemAll() {
    TestBuilder builder = new TestBuilder().limits(StoreLimits.defaults().withMaxTitleChars(7)).where("here")
        .clock(fixed).recoverStreamsIdleFor(Duration.ofSeconds(9));
    builder.open().close();

    assertThat(builder.where).isEqualTo("here");
    assertThat(builder.opened).containsExactly(StoreOptions.defaults()
        .withLimits(StoreLimits.defaults().withMaxTitleChars(7)).withClock(fixed)
        .withRecoverStreamsIdleFor(Duration.ofSeconds(9)));
  }

  @Test
  void optionsReplacesEverySharedSettingAndLaterSettersApplyOnTop() {
    StoreOptions kept = StoreOptions.defaults().withClock(fixed);
    TestBuilder builder = new TestBuilder().recoverStreamsIdleFor(Duration.ofHours(1)).options(kept)
        .limits(StoreLimits.defaults().withMaxBatchSize(3));
    builder.open().close();

    assertThat(builder.opened).containsExactly(kept.withLimits(StoreLimits.defaults().withMaxBatchSize(3)));
  }

  @Test
  void aRefusedValueNamesThePropertyAndKeepsWhatWasSetBefore() {
    TestBuilder builder = new TestBuilder().clock(fixed);
    refused(() -> builder.options(null), "options");
    refused(() -> builder.limits(null), "limits");
    refused(() -> builder.clock(null), "clock");
    refused(() -> builder.recoverStreamsIdleFor(Duration.ofMillis(-1)), "recoverStreamsIdleFor");
    builder.open().close();

    assertThat(builder.opened).containsExactly(StoreOptions.defaults().withClock(fixed));
  }

  private static void refused(Runnable call, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
