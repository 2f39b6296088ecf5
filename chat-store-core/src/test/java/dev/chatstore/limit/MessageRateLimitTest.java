package dev.chatstore.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.InvalidInputException;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MessageRateLimitTest {
  @Test
  void aRateWithItsBurst() {
    MessageRateLimit limit = MessageRateLimit.of(30, Duration.ofMinutes(1));
    assertThat(limit.burst()).isEqualTo(30);
    assertThat(limit.interval()).isEqualTo(Duration.ofSeconds(2));
    MessageRateLimit small = limit.withBurst(5);
    assertThat(small).isEqualTo(new MessageRateLimit(30, Duration.ofMinutes(1), 5));
    assertThat(small.interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(MessageRateLimit.of(7, Duration.ofSeconds(1)).interval()).isEqualTo(Duration.ofNanos(142_857_142));
  }

  @Test
  void badLimitsAreRefusedNamingTheField() {
    refused(() -> MessageRateLimit.of(0, Duration.ofMinutes(1)), "messages", "must be positive");
    refused(() -> MessageRateLimit.of(-3, Duration.ofMinutes(1)), "messages", "must be positive");
    refused(() -> MessageRateLimit.of(10, null), "per", "must not be null");
    refused(() -> MessageRateLimit.of(10, Duration.ZERO), "per", "must be positive");
    refused(() -> MessageRateLimit.of(10, Duration.ofSeconds(-1)), "per", "must be positive");
    refused(() -> MessageRateLimit.of(10, Duration.ofDays(400)), "per", "at most PT8784H");
    refused(() -> MessageRateLimit.of(10, Duration.ofNanos(9)), "messages", "at most one per nanosecond");
    refused(() -> MessageRateLimit.of(10, Duration.ofMinutes(1)).withBurst(0), "burst", "must be positive");
    refused(() -> new MessageRateLimit(1, Duration.ofDays(366), 200), "burst", "longer than the limit");
  }

  @Test
  void theExtremesThatAreAllowed() {
    assertThat(MessageRateLimit.of(10, Duration.ofNanos(10)).interval()).isEqualTo(Duration.ofNanos(1));
    assertThat(new MessageRateLimit(1, Duration.ofDays(366), 99).burst()).isEqualTo(99);
    assertThat(new MessageRateLimit(1, Duration.ofNanos(1), Integer.MAX_VALUE).burst()).isEqualTo(Integer.MAX_VALUE);
  }

  private static void refused(ThrowingCallable make, String field, String reason) {
    assertThatThrownBy(make).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.reason()).contains(reason);
    });
  }
}
