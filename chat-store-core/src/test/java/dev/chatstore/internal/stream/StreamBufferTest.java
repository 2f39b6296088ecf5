package dev.chatstore.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ConflictException;
import dev.chatstore.FlushPolicy;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MediaPart;
import dev.chatstore.Part;
import dev.chatstore.PartLimits;
import dev.chatstore.ReasoningPart;
import dev.chatstore.StoreLimits;
import dev.chatstore.ToolCall;
import dev.chatstore.UnavailableException;
import dev.chatstore.internal.stream.StreamBuffer.Batch;
import dev.chatstore.internal.stream.StreamBuffer.Phase;
import dev.chatstore.metadata.JsonLimits;
import dev.chatstore.spi.StreamDelta;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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

  // ---- the reasoning channel -----------------------------------------------------------------

  private static final Part IMAGE = MediaPart.reference("image/png", "https://x/a.png");
  private static final Part INLINE = MediaPart.inline("image/gif", new byte[] {1, 2});

  @Test
  void eachChannelHoldsBackItsOwnHalfPair() {
    StreamBuffer b = buffer();
    b.append("text \uD83D", false, T0);
    b.append("thought \uD83E", true, T0);

    StreamDelta first = b.takeWrite().delta();
    assertThat(first.text()).isEqualTo("text ");
    assertThat(first.reasoning()).isEqualTo("thought ");
    b.written();
    assertThat(b.hasBuffered()).as("a half pair on each channel is nothing to write").isFalse();

    b.checkWellFormed("\uDE00", false);
    b.checkWellFormed("\uDD14", true);
    b.append("\uDE00", false, T0);
    assertThatThrownBy(() -> b.checkWellFormed("\uDE00", false)).as("the text's half is whole now")
        .isInstanceOf(InvalidInputException.class);
    b.checkWellFormed("\uDD14", true);
    b.append("\uDD14", true, T0);

    StreamDelta second = b.takeWrite().delta();
    assertThat(second.text()).isEqualTo("\uD83D\uDE00");
    assertThat(second.reasoning()).isEqualTo("\uD83E\uDD14");
  }

  @Test
  void aLowHalfIsRefusedOnTheChannelWithoutAHighHalfBeforeIt() {
    StreamBuffer b = buffer();
    b.append("text \uD83D", false, T0);
    b.append("thought", true, T0);

    assertThatThrownBy(() -> b.checkWellFormed("\uDE00", true)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("chunk"));
    b.checkWellFormed("\uDE00", false);
  }

  @Test
  void theEndStoresEachChannelsUnfinishedHalfPairAsTheReplacementCharacter() {
    StreamBuffer b = buffer();
    b.append("cut \uD83D", true, T0);
    b.append("whole", false, T0);

    StreamDelta end = b.takeEnd().delta();

    assertThat(end.reasoning()).isEqualTo("cut \uFFFD");
    assertThat(end.text()).isEqualTo("whole");
  }

  @Test
  void aFailedWriteIsBufferedAgainAheadOnBothChannelsKeepingTheLatestSignature() {
    StreamBuffer b = buffer();
    b.append("r1 ", true, T0);
    b.append("t1 ", false, T0);
    b.sign("s1", T0);
    b.attach(IMAGE, T0);
    b.takeWrite();
    b.append("r2", true, T0 + MS);
    b.append("t2", false, T0 + MS);
    b.sign("s2", T0 + MS);
    b.attach(INLINE, T0 + MS);

    b.writeFailed();

    StreamDelta again = b.takeWrite().delta();
    assertThat(again.reasoning()).isEqualTo("r1 r2");
    assertThat(again.text()).isEqualTo("t1 t2");
    assertThat(again.signature()).as("the one given after the failed write's").contains("s2");
    assertThat(again.attachments()).containsExactly(IMAGE, INLINE);
  }

  @Test
  void aFailedWritesSignatureStaysWhenNoNewerOneCame() {
    StreamBuffer b = buffer();
    b.append("r", true, T0);
    b.sign("s1", T0);
    b.takeWrite();
    b.append("more", true, T0);

    b.writeFailed();

    StreamDelta again = b.takeWrite().delta();
    assertThat(again.signature()).contains("s1");
    assertThat(again.reasoning()).isEqualTo("rmore");
  }

  @Test
  void aWriteOutGrowsByBothChannelsKeepingEachHalfPairBack() {
    StreamBuffer b = buffer();
    b.append("r1", true, T0);
    b.append("t1", false, T0);
    b.sign("s1", T0);
    b.attach(IMAGE, T0);
    b.takeWrite();
    b.append("r2\uD83E", true, T0 + MS);
    b.append("t2", false, T0 + MS);
    b.sign("s2", T0 + MS);
    b.attach(INLINE, T0 + MS);

    Batch grown = b.grownWrite();
    b.grew(grown);

    assertThat(grown.delta()).isEqualTo(new StreamDelta("t1t2", "r1r2", Optional.of("s2"), List.of(),
        List.of(IMAGE, INLINE)));
    assertThat(grown.target()).isEqualTo(8);
    assertThat(grown.oldestNanos()).isEqualTo(T0);
    assertThat(b.hasBuffered()).isFalse();
    b.written();
    assertThat(b.durableUpTo(8)).isTrue();
    b.append("\uDD14", true, T0 + 2 * MS);
    StreamDelta rest = b.takeWrite().delta();
    assertThat(rest.reasoning()).isEqualTo("\uD83E\uDD14");
    assertThat(rest.signature()).as("written already").isEmpty();
    assertThat(rest.attachments()).isEmpty();
  }

  @Test
  void theSizeTriggerAndBackPressureCountBothChannels() {
    StreamBuffer b = buffer(); // a write at 10 buffered, at most 20 unwritten
    b.append("12345", false, T0);
    b.append("1234", true, T0);
    assertThat(b.sizeDue()).isFalse();
    b.append("5", true, T0);
    assertThat(b.sizeDue()).isTrue();

    b.takeWrite();
    b.append("abcde", true, T0);
    b.append("fghij", false, T0);

    assertThat(b.unwrittenChars()).isEqualTo(20);
    assertThat(b.hasRoomFor(1)).isFalse();
    b.written();
    assertThat(b.unwrittenChars()).isEqualTo(10);
    assertThat(b.hasRoomFor(10)).isTrue();
  }

  @Test
  void aSignatureOrAnAttachmentAloneIsSomethingToWrite() {
    StreamBuffer signed = buffer();
    signed.sign("s", T0);
    assertThat(signed.hasBuffered()).isTrue();
    assertThat(signed.takeWrite().delta().signature()).contains("s");

    StreamBuffer attached = buffer();
    attached.attach(IMAGE, T0);
    assertThat(attached.hasBuffered()).isTrue();
    assertThat(attached.writeDue(T0 + 40 * MS)).as("timed by its arrival").isTrue();
  }

  private static StreamBuffer small() {
    PartLimits parts = new PartLimits(4, 5, 3, 12); // 2 attachments beside the two channels
    return buffer(POLICY, StoreLimits.defaults().withMaxContentChars(8).withParts(parts));
  }

  private static void refusedNaming(ThrowingCallable call, String field, int limit) {
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.reason()).contains(String.valueOf(limit));
    });
  }

  @Test
  void reasoningIsHeldToAPartsCharsAndTextToTheContentLimit() {
    StreamBuffer b = small();
    b.append("1234", true, T0);

    b.checkRoom(1, true);
    refusedNaming(() -> b.checkRoom(2, true), "chunk", 5);
    b.checkRoom(6, false); // the answer text has its own limit
    refusedNaming(() -> b.checkRoom(9, false), "chunk", 8);
  }

  @Test
  void theMessageSizeCountsBothChannelsTheSignatureAndTheAttachments() {
    StreamBuffer b = small(); // at most 12 in all
    b.append("12345", false, T0);
    b.append("1234", true, T0);
    b.sign("ab", T0); // 11

    refusedNaming(() -> b.checkRoom(2, false), "chunk", 12);
    b.checkRoom(1, true);
    refusedNaming(() -> b.sign("abcd", T0), "signature", 12);
    b.sign("abc", T0); // replaces "ab": 12, not 14
    refusedNaming(() -> b.checkRoom(1, true), "chunk", 12);
    refusedNaming(() -> b.attach(new ReasoningPart("x"), T0), "part", 12);
    b.sign("", T0); // 9
    Part last = new ReasoningPart("xyz");
    b.attach(last, T0); // 12

    StreamDelta all = b.takeWrite().delta();
    assertThat(all.signature()).contains("");
    assertThat(all.attachments()).containsExactly(last);
  }

  @Test
  void attachmentsAreHeldToThePartCountTheirFieldsAndTheInlineBytes() {
    StreamBuffer b = buffer(POLICY, StoreLimits.defaults().withParts(new PartLimits(4, 12, 3, 1000)));
    b.attach(MediaPart.inline("image/gif", new byte[] {1, 2}), T0);

    refusedNaming(() -> b.attach(MediaPart.inline("image/gif", new byte[] {3, 4}), T0), "part.bytes", 3);
    refusedNaming(() -> b.attach(MediaPart.reference("image/png", "https://x/long"), T0), "part.uri", 12);
    b.attach(MediaPart.inline("image/gif", new byte[] {3}), T0);
    refusedNaming(() -> b.attach(MediaPart.reference("image/png", "https://x"), T0), "part", 4);

    assertThat(b.takeWrite().delta().attachments()).hasSize(2);
  }
}
