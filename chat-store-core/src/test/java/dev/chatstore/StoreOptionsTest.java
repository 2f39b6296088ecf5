package dev.chatstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The settings every store shares: defaults, copy-and-change, and refusals naming the property. */
class StoreOptionsTest {
  @Test
  void theDefaultsLeaveRecoveryToTheBackend() {
    StoreOptions defaults = StoreOptions.defaults();
    assertThat(defaults.limits()).isEqualTo(StoreLimits.defaults());
    assertThat(defaults.clock()).isEqualTo(Clock.systemUTC());
    assertThat(defaults.recoverStreamsIdleFor()).isEmpty();
  }

  @Test
  void eachWithChangesOneSettingOfACopy() {
    Clock fixed = Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"), ZoneOffset.UTC);
    StoreLimits small = StoreLimits.defaults().withMaxTitleChars(5);
    StoreOptions options = StoreOptions.defaults().withLimits(small).withClock(fixed)
        .withRecoverStreamsIdleFor(Duration.ofMinutes(3));

    assertThat(options.limits()).isEqualTo(small);
    assertThat(options.clock()).isEqualTo(fixed);
    assertThat(options.recoverStreamsIdleFor()).contains(Duration.ofMinutes(3));
    assertThat(StoreOptions.defaults().recoverStreamsIdleFor()).as("the original is unchanged").isEmpty();
    assertThat(options).isEqualTo(StoreOptions.defaults().withClock(fixed).withLimits(small)
        .withRecoverStreamsIdleFor(Duration.ofMinutes(3)));
    assertThat(options.hashCode()).isEqualTo(StoreOptions.defaults().withClock(fixed).withLimits(small)
        .withRecoverStreamsIdleFor(Duration.ofMinutes(3)).hashCode());
    assertThat(options).isNotEqualTo(StoreOptions.defaults());
    assertThat(options.toString()).contains("PT3M");
    assertThat(StoreOptions.defaults().withRecoverStreamsIdleFor(Duration.ZERO).recoverStreamsIdleFor())
        .contains(Duration.ZERO);
  }

  @Test
  void badValuesAreRefusedNamingTheProperty() {
    StoreOptions options = StoreOptions.defaults();
    refused(() -> options.withLimits(null), "limits");
    refused(() -> options.withClock(null), "clock");
    refused(() -> options.withRecoverStreamsIdleFor(null), "recoverStreamsIdleFor");
    refused(() -> options.withRecoverStreamsIdleFor(Duration.ofSeconds(-1)), "recoverStreamsIdleFor");
  }

  private static void refused(Runnable call, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
