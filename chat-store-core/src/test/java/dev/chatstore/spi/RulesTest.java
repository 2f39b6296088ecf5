package dev.chatstore.spi;

import dev.chatstore.NewMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small rules: fork copy, stream recovery, text matching. */
class RulesTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  @Test
  void aForkCopyKeepsEverythingButIdAndSessionAndSettlesUnfinishedMessages() {
    Message streaming = new Message("m1", "s1", 4, Role.ASSISTANT, MessageBody.plain("half").parts(), MessageStatus.STREAMING, List.of(new ToolCall("c", "t", "{}")), List.of(), MessageMetadata.empty(), NewMessage.NO_ATTRIBUTES, Optional.empty(), NOW, NOW.plusSeconds(1));
    Message copy = ForkCopy.of(streaming, "s2", "m9");
    assertThat(copy).isEqualTo(new Message("m9", "s2", 4, Role.ASSISTANT, MessageBody.plain("half").parts(), MessageStatus.INTERRUPTED, streaming.toolCalls(), List.of(), MessageMetadata.empty(), NewMessage.NO_ATTRIBUTES, Optional.empty(), NOW, NOW.plusSeconds(1)));
    for (MessageStatus s : MessageStatus.values()) {
      assertThat(ForkCopy.settled(s)).isEqualTo(s.isFinal() ? s : MessageStatus.INTERRUPTED);
    }
  }

  @Test
  void recoveryMarksUnfinishedMessagesIdleSinceTheCutoffAndNotOpenHere() {
    StreamRecovery r = StreamRecovery.at(NOW, Duration.ofSeconds(30));
    assertThat(r.cutoff()).isEqualTo(NOW.minusSeconds(30));
    assertThat(r.marks(MessageStatus.STREAMING, NOW.minusSeconds(30), false)).isTrue();
    assertThat(r.marks(MessageStatus.PENDING, NOW.minusSeconds(31), false)).isTrue();
    assertThat(r.marks(MessageStatus.STREAMING, NOW.minusSeconds(29), false)).isFalse();
    assertThat(r.marks(MessageStatus.STREAMING, NOW.minusSeconds(60), true)).isFalse();
    assertThat(r.marks(MessageStatus.COMPLETE, NOW.minusSeconds(60), false)).isFalse();
    assertThat(StreamRecovery.at(NOW, Duration.ZERO).marks(MessageStatus.STREAMING, NOW, false)).isTrue();
  }

  @Test
  void aNegativeOrMissingIdleTimeIsRefusedByName() {
    assertThatThrownBy(() -> StreamRecovery.at(NOW, Duration.ofMillis(-1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("idleFor");
    assertThatThrownBy(() -> StreamRecovery.idleFor(null, "recoverStreamsIdleFor"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("recoverStreamsIdleFor");
  }

  @Test
  void textMatchingIgnoresCaseAndTakesEveryCharacterLiterally() {
    assertThat(TextMatch.of("ROME").matches("a trip to rome")).isTrue();
    assertThat(TextMatch.of("100%").matches("100% sure")).isTrue();
    assertThat(TextMatch.of("100%").matches("1000 sure")).isFalse();
    assertThat(TextMatch.of("a_b").matches("axb")).isFalse();
    assertThat(TextMatch.of("' OR 1=1 --").matches("x' or 1=1 -- y")).isTrue();
    assertThat(TextMatch.of("😀").matches("smile 😀")).isTrue();
    assertThat(TextMatch.of("x").matches(null)).isFalse();
    assertThat(TextMatch.of("ÉTÉ").folded()).isEqualTo("été");
    assertThatThrownBy(() -> TextMatch.of(" ")).isInstanceOf(InvalidInputException.class);
  }
}
