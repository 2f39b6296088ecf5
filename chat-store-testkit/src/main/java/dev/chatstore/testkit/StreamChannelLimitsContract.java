package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertInvalid;
import static dev.chatstore.testkit.StreamChannelFixtures.reasoning;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.Part;
import dev.chatstore.PartLimits;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.TextPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * A stream's reasoning, signature and attached parts within {@link PartLimits}, and its reasoning in
 * whole characters: past a limit, or with a lone surrogate, the call is refused with
 * InvalidInputException naming the field (and the limit), nothing is written, and the stream goes on.
 * Sizes come from {@link SessionStoreContract#limits()}: the suite has no way to build a store with
 * other limits, so the few strings past a limit are made once per case.
 */
public abstract class StreamChannelLimitsContract extends ContractArea {

  protected StreamChannelLimitsContract(SessionStoreContract contract) {
    super(contract);
  }

  private PartLimits max() {
    return limits().parts();
  }

  private Message stored(MessageStream stream) {
    return store().getMessage(stream.sessionId(), stream.messageId());
  }

  /**
   * {@code call} on the flushed {@code stream} is refused naming {@code field} (and {@code limit} if
   * positive), and the owner's data is unchanged, as is what the stream goes on to write.
   */
  private InvalidInputException refused(MessageStream stream, ThrowingCallable call, String field, long limit) {
    stream.flush();
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    InvalidInputException e = assertInvalid(call, field);

    if (limit > 0) {
      assertThat(e.reason()).as("names the limit: %s", e.getMessage()).contains(String.valueOf(limit));
    }
    stream.flush();
    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
    return e;
  }

  @Test
  void reasoningPastMaxPartCharsIsRefusedCountingWhatStreamedBefore() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.appendReasoning("ab").append("text");
    // fits alone, not after the "ab" already streamed on the reasoning channel
    String fillsUpToOneUnder = "r".repeat(max().maxPartChars() - 1);

    refused(stream, () -> stream.appendReasoning(fillsUpToOneUnder), "chunk", max().maxPartChars());

    Message done = stream.appendReasoning("c").append(" more").complete();
    assertThat(done.parts()).containsExactly(reasoning("abc"), new TextPart("text more"));
  }

  @Test
  void aSignaturePastMaxPartCharsIsRefusedAndTheLastOneGivenStays() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.appendReasoning("r").signReasoning("kept");
    String tooLong = "s".repeat(max().maxPartChars() + 1);

    refused(stream, () -> stream.signReasoning(tooLong), "signature", max().maxPartChars());

    assertThat(stream.complete().parts()).containsExactly(reasoning("r", "kept"));
  }

  @Test
  void anAttachedPartsFieldPastMaxPartCharsIsRefusedNamingTheField() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.append("text");
    String tooLong = "p".repeat(max().maxPartChars() + 1);

    refused(stream, () -> stream.addPart(MediaPart.reference("image/png", tooLong)), "part.uri", max().maxPartChars());
    refused(stream, () -> stream.addPart(MediaPart.reference("image/png", "https://x/y").withFileName(tooLong)),
        "part.fileName", max().maxPartChars());
    refused(stream, () -> stream.addPart(ReasoningPart.encrypted("t", tooLong)), "part.encrypted",
        max().maxPartChars());
    refused(stream, () -> stream.addPart(Part.reasoning(tooLong)), "part.text", max().maxPartChars());

    assertThat(stream.complete().parts()).containsExactly(new TextPart("text"));
  }

  @Test
  void inlineBytesPastTheLimitAreRefusedCountingEveryAttachedPart() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    Part first = MediaPart.inline("image/png", new byte[] {1});
    stream.addPart(first);
    // fits alone, not beside the byte attached before
    Part whole = MediaPart.inline("image/png", new byte[max().maxInlineBytes()]);

    refused(stream, () -> stream.addPart(whole), "part.bytes", max().maxInlineBytes());

    Part last = MediaPart.inline("image/png", new byte[max().maxInlineBytes() - 1]);
    Message done = stream.addPart(last).complete();
    assertThat(done.parts()).containsExactly(first, last);
  }

  @Test
  void moreAttachedPartsThanMaxPartsLeavesRoomForBothChannelsIsRefused() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.appendReasoning("r").append("t");
    List<Part> attached = new ArrayList<>();
    for (int i = 0; i < max().maxParts() - 2; i++) {
      Part part = MediaPart.reference("image/png", "https://x/" + i + ".png");
      stream.addPart(part);
      attached.add(part);
    }

    refused(stream, () -> stream.addPart(MediaPart.reference("image/png", "https://x/last.png")), "part",
        max().maxParts());

    Message done = stream.complete();
    assertThat(done.parts()).hasSize(max().maxParts());
    assertThat(done.parts().subList(2, done.parts().size())).isEqualTo(attached);
  }

  @Test
  void aPartThatWouldTakeTheMessagePastItsSizeIsRefusedCountingBothChannels() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.appendReasoning("r").append("t").signReasoning("s");
    // one part that would fit alone (maxMessageSize - 2), spread over three fields within maxPartChars
    int rest = max().maxMessageSize() - 2;
    String third = "m".repeat(rest / 3);
    String remainder = "n".repeat(rest - 2 * third.length());
    assertThat(remainder.length()).as("three fields of one part can fill the message").isLessThanOrEqualTo(
        max().maxPartChars());
    ReasoningPart big = new ReasoningPart(third, Optional.of(third), Optional.of(remainder), Map.of());

    refused(stream, () -> stream.addPart(big), "part", max().maxMessageSize());

    assertThat(stream.complete().parts()).containsExactly(reasoning("r", "s"), new TextPart("t"));
  }

  @Test
  void aTextPartIsRefusedByAddPart() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.append("streamed");

    refused(stream, () -> stream.addPart(new TextPart("attached")), "part", 0);
    refused(stream, () -> stream.addPart(new TextPart("x", Map.of("cache_control", "{\"type\":\"ephemeral\"}"))),
        "part", 0);

    assertThat(stream.complete().parts()).containsExactly(new TextPart("streamed"));
  }

  // ---- whole characters --------------------------------------------------------------------------

  @Test
  void aSurrogatePairSplitAcrossReasoningChunksAndAFlushIsKeptWhole() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.appendReasoning("rain \uD83C").appendReasoning("\uDF27 and ");
    stream.appendReasoning("snow \uD83C").append("text");
    stream.flush();
    assertThat(stored(stream).parts()).as("mid-stream, the half pair waits for its other half")
        .containsExactly(reasoning("rain 🌧 and snow "), new TextPart("text"));

    stream.appendReasoning("\uDF28!");

    assertThat(stream.complete().parts()).containsExactly(reasoning("rain 🌧 and snow 🌨!"), new TextPart("text"));
  }

  @Test
  void eachChannelWaitsForItsOwnHalfPair() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.append("text \uD83D").appendReasoning("thought ");

    refused(stream, () -> stream.appendReasoning("\uDE00"), "chunk", 0); // the high half is the text's
    stream.append("\uDE00").appendReasoning("\uD83E");
    refused(stream, () -> stream.append("\uDD14"), "chunk", 0); // and this one the reasoning's
    stream.appendReasoning("\uDD14");

    assertThat(stream.complete().parts()).containsExactly(reasoning("thought 🤔"), new TextPart("text 😀"));
  }

  @Test
  void aLoneSurrogateInReasoningIsRefused() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.appendReasoning("fine ");

    forEachInput(List.of("\uDC00", "lone \uDE00 low", "lone \uD800 high", "\uDFFF\uD800", "\uD800\uD800"), bad ->
        refused(stream, () -> stream.appendReasoning(bad), "chunk", 0));
    refused(stream, () -> stream.signReasoning("sig \uD800"), "signature", 0);
    refused(stream, () -> stream.addPart(Part.reasoning("part \uDC00")), "part.text", 0);

    assertThat(stream.complete().parts()).containsExactly(reasoning("fine "));
  }

  @Test
  void aHalfPairNeverCompletedEndsAsTheReplacementCharacterOnBothChannels() {
    ChatSession s = newSession();
    MessageStream completed = store().openStream(s.id(), Role.ASSISTANT);
    completed.appendReasoning("cut \uD83D").append("also \uD83D");
    assertThat(completed.complete().parts())
        .containsExactly(reasoning("cut \uFFFD"), new TextPart("also \uFFFD"));

    MessageStream closed = store().openStream(s.id(), Role.ASSISTANT);
    closed.appendReasoning("cut \uD83D");
    closed.flush();
    closed.close();
    assertThat(stored(closed).parts()).containsExactly(reasoning("cut \uFFFD"));
  }
}
