package dev.chatstore.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.StreamOptions;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.spi.StreamRecovery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import dev.chatstore.spi.StreamDelta;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the public API cannot reach in memory: a stream abandoned without its engine knowing. */
class SessionSlotTest {
  private final Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
  private final SessionSlot slot = new SessionSlot(Clock.fixed(t0, ZoneOffset.UTC), "s1", "owner",
      Optional.empty(), "", ChatMetadata.empty(), "{}", Optional.empty(), Optional.empty());

  @Test
  void recoveryInterruptsIdleUnfinishedMessagesThatNoStreamOwns() {
    slot.begin("open", StreamOptions.assistant(), MessageMetadata.empty());
    slot.begin("lost", StreamOptions.assistant(), MessageMetadata.empty());
    slot.write("lost", StreamDelta.of("kept", List.of()));

    assertThat(slot.recover(StreamRecovery.at(t0, Duration.ofSeconds(1)), (s, m) -> false)).as("not idle yet").isZero();
    assertThat(slot.recover(StreamRecovery.at(t0, Duration.ZERO), (s, m) -> m.equals("open"))).isEqualTo(1);

    assertThat(slot.findMessage("lost").orElseThrow().status()).isEqualTo(MessageStatus.INTERRUPTED);
    assertThat(slot.findMessage("lost").orElseThrow().content()).isEqualTo("kept");
    assertThat(slot.findMessage("open").orElseThrow().status()).isEqualTo(MessageStatus.PENDING);
    assertThat(slot.recover(StreamRecovery.at(t0, Duration.ZERO), (s, m) -> m.equals("open"))).isZero();
  }

  @Test
  void aForkInterruptsCopiesOfUnfinishedMessages() {
    slot.begin("m1", StreamOptions.assistant(), MessageMetadata.empty());
    slot.write("m1", StreamDelta.of("so far", List.of()));

    SessionSlot fork = slot.fork("m1", "s2", "copy");

    assertThat(fork.page(MessageQuery.latest(10)).items()).singleElement().satisfies(m -> {
      assertThat(m.status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(m.content()).isEqualTo("so far");
      assertThat(m.id()).isNotEqualTo("m1");
    });
    assertThat(slot.findMessage("m1").orElseThrow().status()).isEqualTo(MessageStatus.STREAMING);
  }
}
