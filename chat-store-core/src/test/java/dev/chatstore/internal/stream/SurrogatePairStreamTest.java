package dev.chatstore.internal.stream;

import dev.chatstore.spi.StreamEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.FlushPolicy;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MessageStream;
import dev.chatstore.StoreLimits;
import dev.chatstore.StreamOptions;
import dev.chatstore.spi.InputRules;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A pair split across two chunks is stored whole; half a pair is never written. */
class SurrogatePairStreamTest {
  private final FakeSink sink = new FakeSink();
  private final StreamEngine engine = new StreamEngine(sink, new InputRules(StoreLimits.defaults()));

  @AfterEach
  void close() {
    engine.close();
  }

  private MessageStream open() {
    return engine.open("s1", StreamOptions.assistant()
        .withFlushPolicy(FlushPolicy.defaults().withMaxDelay(Duration.ofHours(1))));
  }

  @Test
  void aPairSplitAcrossChunksIsHeldBackUntilItsSecondHalfArrives() {
    MessageStream stream = open();
    stream.append("ok \uD83D");
    stream.flush();
    stream.append("\uDE00 done");
    stream.flush();
    stream.complete();

    assertThat(sink.content()).isEqualTo("ok 😀 done");
    assertThat(sink.writtenTexts()).allSatisfy(text ->
        assertThat(text).doesNotEndWith("\uD83D").doesNotStartWith("\uDE00"));
  }

  @Test
  void halfAPairLeftAtTheEndIsStoredAsTheReplacementCharacter() {
    MessageStream stream = open();
    stream.append("cut \uD83D");
    stream.close();

    assertThat(sink.content()).isEqualTo("cut \uFFFD");
  }

  @Test
  void unpairedSurrogatesInAChunkAreRefusedAndNothingIsAppended() {
    MessageStream stream = open();
    stream.append("a");
    assertThatThrownBy(() -> stream.append("\uDE00x"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("chunk"));
    assertThatThrownBy(() -> stream.append("x\uD83Dy"))
        .isInstanceOf(InvalidInputException.class);
    stream.append("\uD83D");
    assertThatThrownBy(() -> stream.append("no low half"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("low surrogate");
    stream.append("\uDE00");
    stream.complete();

    assertThat(sink.content()).isEqualTo("a😀");
  }
}
