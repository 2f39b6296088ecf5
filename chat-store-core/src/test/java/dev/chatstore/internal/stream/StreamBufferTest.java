package dev.chatstore.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ConflictException;
import dev.chatstore.FlushPolicy;
import dev.chatstore.InvalidInputException;
import dev.chatstore.StoreLimits;
import dev.chatstore.ToolCall;
import dev.chatstore.UnavailableException;
import dev.chatstore.internal.stream.StreamBuffer.Batch;
import dev.chatstore.internal.stream.StreamBuffer.Phase;
import dev.chatstore.metadata.JsonLimits;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The buffer rules of one stream, driven by hand: no threads, times passed in. */
class StreamBufferTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long T0 = 1_000_000 * MS;
  private static final FlushPolicy POLICY = new FlushPolicy(10, Duration.ofMillis(40), 20, Duration.ofSeconds(1));

  private static StreamBuffer buffer() {
    return buffer(POLICY, StoreLimits.defaults());
  }

  private static StreamBuffer buffer(FlushPolicy policy, StoreLimits limits) {
    return new StreamBuffer("s1", "m1", policy, limits);
  }

  @Test
  void theSizeTriggerFiresOnceMaxBufferedCharsWait() {
    StreamBuffer b = buffer();
    b.append("12345", false, T0);
    assertThat(b.sizeDue()).isFalse();
    assertThat(b.writeDue(T0)).isFalse();

    b.append("67890", false, T0);

    assertThat(b.sizeDue()).isTrue();
    assertThat(b.writeDue(T0)).isTrue();
  }

  @Test
  void theDelayTriggerCountsFromTheOldestUnwrittenChunk() {
    StreamBuffer b = buffer();
    b.append("a", false, T0);
    b.append("b", false, T0 + 30 * MS); // a later chunk does not move the deadline

    assertThat(b.timerDelayNanos(T0 + 10 * MS)).isEqualTo(30 * MS);
    assertThat(b.writeDue(T0 + 39 * MS)).isFalse();
    assertThat(b.writeDue(T0 + 40 * MS)).isTrue();
    assertThat(b.timerDelayNanos(T0 + 50 * MS)).isZero();
  }

  @Test
  void aWriteTakesEverythingInOrderAndMakesItsAppendsDurable() {
    StreamBuffer b = buffer();
    b.append("one ", false, T0);
    b.addCall(new ToolCall("c1", "search", "{}"), T0);
    b.append("two", false, T0);

    Batch batch = b.takeWrite();

    assertThat(batch.delta().text()).isEqualTo("one two");
    assertThat(batch.delta().toolCalls()).extracting(ToolCall::id).containsExactly("c1");
    assertThat(batch.target()).isEqualTo(3);
    assertThat(b.phase()).isEqualTo(Phase.WRITING);
    assertThat(b.hasBuffered()).isFalse();
    assertThat(b.durableUpTo(3)).isFalse();

    b.written();

    assertThat(b.phase()).isEqualTo(Phase.OPEN);
    assertThat(b.durableUpTo(3)).isTrue();
  }

  @Test
  void aFailedWriteIsTakenAgainAheadOfWhatArrivedMeanwhileWithItsOwnAge() {
    StreamBuffer b = buffer();
    b.append("ab", false, T0);
    b.addCall(new ToolCall("c1", "t", "{}"), T0);
    b.takeWrite();
    b.append("cd", false, T0 + 35 * MS);
    b.addCall(new ToolCall("c2", "t", "{}"), T0 + 35 * MS);

    b.writeFailed();

    assertThat(b.phase()).isEqualTo(Phase.OPEN);
    assertThat(b.writeDue(T0 + 40 * MS)).as("due by the first chunk's age").isTrue();
    Batch again = b.takeWrite();
    assertThat(again.delta().text()).isEqualTo("abcd");
    assertThat(again.delta().toolCalls()).extracting(ToolCall::id).containsExactly("c1", "c2");
    assertThat(again.target()).isEqualTo(4);
  }

  @Test
  void failuresBackOffDoublingUpToASecondAndRetryFiveTimes() {
    StreamBuffer b = buffer();
    b.append("x", false, T0);
    long[] expectedMs = {10, 20, 40, 80, 160, 320, 640, 1000, 1000};
    for (int failure = 1; failure <= expectedMs.length; failure++) {
      b.takeWrite();
      b.writeFailed();
      assertThat(b.backoffNanos()).as("backoff after failure " + failure).isEqualTo(expectedMs[failure - 1] * MS);
      assertThat(b.retriesLeft()).as("retries left after failure " + failure).isEqualTo(failure <= 5);
    }
    // the timer waits for the backoff even when the delay trigger is long past
    assertThat(b.timerDelayNanos(T0 + 10_000 * MS)).isEqualTo(1000 * MS);

    b.takeWrite();
    b.written();
    b.append("y", false, T0 + 10_000 * MS);
    assertThat(b.timerDelayNanos(T0 + 10_000 * MS)).as("a write that worked ends the backoff").isEqualTo(40 * MS);
  }

  @Test
  void aWithdrawnWriteIsBufferedAgainWithoutCountingAsAFailure() {
    StreamBuffer b = buffer();
    b.append("ab", false, T0);
    b.takeWrite();
    b.append("cd", false, T0);

    b.writeWithdrawn();

    assertThat(b.timerDelayNanos(T0)).isEqualTo(40 * MS);
    assertThat(b.takeWrite().delta().text()).isEqualTo("abcd");
  }

  @Test
  void aWriteOutCanGrowByWhatWasBufferedSinceKeepingAHalfPairBack() {
    StreamBuffer b = buffer();
    b.append("ab", false, T0);
    b.addCall(new ToolCall("c1", "t", "{}"), T0);
    b.takeWrite();
    b.append("cd\uD83D", false, T0 + MS);
    b.addCall(new ToolCall("c2", "t", "{}"), T0 + MS);

    Batch grown = b.grownWrite();
    assertThat(b.hasBuffered()).as("nothing changes until it is used").isTrue();
    b.grew(grown);

    assertThat(grown.delta().text()).isEqualTo("abcd");
    assertThat(grown.delta().toolCalls()).extracting(ToolCall::id).containsExactly("c1", "c2");
    assertThat(grown.target()).isEqualTo(4);
    assertThat(grown.oldestNanos()).isEqualTo(T0);
    assertThat(b.hasBuffered()).isFalse();
    b.written();
    assertThat(b.durableUpTo(4)).isTrue();
    b.append("\uDE00", false, T0 + 2 * MS);
    assertThat(b.takeWrite().delta().text()).isEqualTo("\uD83D\uDE00");
  }

  @Test
  void aBackgroundFailureIsReportedOnceAndForgottenWhenALaterWriteWorks() {
    StreamBuffer b = buffer();
    b.report(new UnavailableException("down"));

    assertThatThrownBy(b::checkUsable).isInstanceOf(UnavailableException.class).hasMessage("down");
    b.checkUsable(); // reported once

    b.report(new UnavailableException("down again"));
    b.append("x", false, T0);
    b.takeWrite();
    b.written();
    b.checkUsable(); // the write that worked made it moot
  }

  @Test
  void aHighSurrogateAtTheEndOfAWriteWaitsForItsLowHalf() {
    StreamBuffer b = buffer();
    b.append("ok \uD83D", false, T0);

    assertThat(b.takeWrite().delta().text()).isEqualTo("ok ");
    b.written();
    assertThat(b.hasBuffered()).as("half a pair alone is nothing to write").isFalse();
    assertThatThrownBy(() -> b.checkWellFormed("no low half", false)).isInstanceOf(InvalidInputException.class);

    b.checkWellFormed("\uDE00!", false);
    b.append("\uDE00!", false, T0);
    assertThat(b.takeWrite().delta().text()).isEqualTo("\uD83D\uDE00!");
  }

  @Test
  void theEndStoresAHalfPairNeverCompletedAsTheReplacementCharacter() {
    StreamBuffer b = buffer();
    b.append("cut \uD83D", false, T0);

    assertThat(b.takeEnd().delta().text()).isEqualTo("cut \uFFFD");
  }

  @Test
  void backPressureCountsBufferedAndInFlightText() {
    StreamBuffer b = buffer(); // at most 20 unwritten
    b.append("0123456789", false, T0);
    b.takeWrite();
    b.append("abcdefghij", false, T0);

    assertThat(b.unwrittenChars()).isEqualTo(20);
    assertThat(b.hasRoomFor(1)).isFalse();

    b.written();

    assertThat(b.unwrittenChars()).isEqualTo(10);
    assertThat(b.hasRoomFor(10)).isTrue();
    assertThat(b.hasRoomFor(11)).isFalse();
  }

  @Test
  void aChunkLargerThanTheCapIsTakenOnceNothingElseWaits() {
    StreamBuffer b = buffer();

    assertThat(b.hasRoomFor(100)).isTrue();
    b.append("x", false, T0);
    assertThat(b.hasRoomFor(100)).isFalse();
  }

  @Test
  void theContentAndToolCallLimitsAreEnforced() {
    StoreLimits limits = StoreLimits.defaults().withMaxContentChars(5).withMaxToolCallsPerMessage(1).withMaxBatchSize(10)
        .withDocuments(JsonLimits.metadataDefaults());
    StreamBuffer b = buffer(POLICY, limits);
    b.append("1234", false, T0);

    b.checkRoom(1, false);
    assertThatThrownBy(() -> b.checkRoom(2, false)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("chunk"));
    b.addCall(new ToolCall("c1", "t", "{}"), T0);
    assertThatThrownBy(() -> b.addCall(new ToolCall("c2", "t", "{}"), T0))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("toolCalls"));
  }

  @Test
  void theEndsTextWrittenAheadLeavesTheEndNothingButItsState() {
    StreamBuffer b = buffer();
    b.append("last", false, T0);
    b.takeEnd();

    Batch rest = b.endTextWritten();

    assertThat(rest.isEmpty()).isTrue();
    assertThat(rest.target()).isEqualTo(1);
    assertThat(b.durableUpTo(1)).isTrue();
    assertThat(b.phase()).isEqualTo(Phase.ENDING);
    b.ended();
    assertThat(b.phase()).isEqualTo(Phase.ENDED);
  }

  @Test
  void aFailedEndLeavesTheStreamOpenWithItsTextUnlessItWasClosing() {
    StreamBuffer tried = buffer();
    tried.append("text", false, T0);
    tried.takeEnd();
    tried.endFailed(false);
    assertThat(tried.phase()).isEqualTo(Phase.OPEN);
    assertThat(tried.takeEnd().delta().text()).isEqualTo("text");

    StreamBuffer closing = buffer();
    closing.append("text", false, T0);
    closing.takeEnd();
    closing.endFailed(true);
    assertThat(closing.phase()).isEqualTo(Phase.ENDED);
  }

  @Test
  void anEndedStreamRefusesEveryCall() {
    StreamBuffer b = buffer();
    b.takeEnd();
    b.ended();

    assertThatThrownBy(b::checkUsable).isInstanceOfSatisfying(ConflictException.class,
        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STREAM_CLOSED));
  }

  @Test
  void oneWriteOrEndIsOutAtATime() {
    StreamBuffer b = buffer();
    b.append("x", false, T0);
    b.takeWrite();

    assertThatThrownBy(b::takeWrite).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(b::takeEnd).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(b::ended).isInstanceOf(IllegalStateException.class);
  }
}
