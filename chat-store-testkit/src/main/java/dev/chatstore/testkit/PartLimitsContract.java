package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertInvalid;
import static dev.chatstore.testkit.ContractAssertions.assertInvalidStartingWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.Part;
import dev.chatstore.PartLimits;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.metadata.JsonLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Parts and attributes past a limit of {@link dev.chatstore.StoreLimits#parts()} or
 * {@link dev.chatstore.StoreLimits#attributes()} are refused by append and appendAll with
 * InvalidInputException naming the part's index, the field and the limit, and nothing is written: one
 * case per limit. Sizes come from {@link SessionStoreContract#limits()}; the few strings past a per-part
 * limit are made once and shared between parts, so no case holds more than one in memory.
 */
public abstract class PartLimitsContract extends ContractArea {

  protected PartLimitsContract(SessionStoreContract contract) {
    super(contract);
  }

  private PartLimits max() {
    return limits().parts();
  }

  private static NewMessage withParts(Part... parts) {
    return NewMessage.builder(Role.ASSISTANT).parts(List.of(parts)).build();
  }

  /**
   * {@code bad} is refused alone and as the second message of a batch, naming {@code field} (under
   * {@code messages[1]} in the batch) and {@code limit}, and the owner's data is unchanged.
   */
  private void refused(ChatSession s, NewMessage bad, String field, long limit) {
    refused(s, bad, field, limit, true);
  }

  /** {@link #refused(ChatSession, NewMessage, String, long)} naming {@code field} or a field inside it. */
  private void refusedUnder(ChatSession s, NewMessage bad, String field, long limit) {
    refused(s, bad, field, limit, false);
  }

  private void refused(ChatSession s, NewMessage bad, String field, long limit, boolean exact) {
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    InvalidInputException alone = named(() -> store().append(s.id(), bad), field, exact);
    InvalidInputException inBatch = named(() -> store().appendAll(s.id(), List.of(NewMessage.user("fine"), bad)),
        "messages[1]." + field, exact);

    assertThat(alone.reason()).as("names the limit: %s", alone.getMessage()).contains(String.valueOf(limit));
    assertThat(inBatch.reason()).as("names the limit: %s", inBatch.getMessage()).contains(String.valueOf(limit));
    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
    assertThat(store().findMessage(s.id(), bad.id())).isEmpty();
  }

  private static InvalidInputException named(ThrowingCallable call, String field, boolean exact) {
    return exact ? assertInvalid(call, field) : assertInvalidStartingWith(call, field);
  }

  @Test
  void moreThanMaxPartsIsRefused() {
    ChatSession s = newSession();
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < max().maxParts(); i++) {
      parts.add(Part.text(i % 2 == 0 ? "p" : "q"));
    }
    Message atTheLimit = store().append(s.id(), NewMessage.builder(Role.USER).parts(parts).build());
    parts.add(Part.text("one too many"));

    refused(s, NewMessage.builder(Role.USER).parts(parts).build(), "parts", max().maxParts());
    assertThat(store().getMessage(s.id(), atTheLimit.id()).parts()).hasSize(max().maxParts());
  }

  @Test
  void aPartFieldPastMaxPartCharsIsRefusedNamingItsIndexAndField() {
    ChatSession s = newSession();
    String tooLong = "r".repeat(max().maxPartChars() + 1);
    Part first = Part.text("fine");

    refused(s, withParts(first, Part.reasoning(tooLong)), "parts[1].text", max().maxPartChars());
    refused(s, withParts(first, ReasoningPart.signed("t", tooLong)), "parts[1].signature", max().maxPartChars());
    refused(s, withParts(first, ReasoningPart.encrypted("t", tooLong)), "parts[1].encrypted", max().maxPartChars());
    refused(s, withParts(first, MediaPart.reference("image/png", tooLong)), "parts[1].uri", max().maxPartChars());
    refused(s, withParts(first, MediaPart.reference("image/png", "https://x/y").withFileName(tooLong)),
        "parts[1].fileName", max().maxPartChars());
  }

  @Test
  void inlineBytesPastTheLimitAreRefusedCountingEveryMediaPartOfTheMessage() {
    ChatSession s = newSession();
    int half = max().maxInlineBytes() / 2;
    Part firstHalf = MediaPart.inline("image/png", new byte[half]);
    Part text = Part.text("two images");

    refused(s, withParts(text, firstHalf, MediaPart.inline("image/png", new byte[max().maxInlineBytes() - half + 1])),
        "parts[2].bytes", max().maxInlineBytes());
    Message atTheLimit = store().append(s.id(),
        withParts(text, firstHalf, MediaPart.inline("image/jpeg", new byte[max().maxInlineBytes() - half])));

    List<Part> read = store().getMessage(s.id(), atTheLimit.id()).parts();
    assertThat(read).isEqualTo(atTheLimit.parts());
    assertThat(((MediaPart) read.get(2)).bytes().orElseThrow().size()).isEqualTo(max().maxInlineBytes() - half);
  }

  @Test
  void partsPastTheMessageSizeAreRefusedNamingThePartThatCrossesIt() {
    ChatSession s = newSession();
    int partChars = Math.min(max().maxPartChars(), max().maxMessageSize());
    int count = max().maxMessageSize() / partChars + 1; // the last one crosses the total
    assertThat(count).as("parts needed to cross maxMessageSize within maxParts").isLessThanOrEqualTo(max().maxParts());
    Part big = Part.reasoning("m".repeat(partChars));
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      parts.add(big);
    }

    refused(s, NewMessage.builder(Role.ASSISTANT).parts(parts).build(), "parts[" + (count - 1) + "]",
        max().maxMessageSize());
  }

  @Test
  void textPartsJoinedPastMaxContentCharsAreRefusedAsContent() {
    ChatSession s = newSession();
    Part half = Part.text("c".repeat(limits().maxContentChars() / 2 + 1));

    refused(s, withParts(half, Part.reasoning("between"), half), "content", limits().maxContentChars());
  }

  private JsonLimits attributeLimits() {
    return limits().attributes();
  }

  private static NewMessage withAttributes(String json) {
    return NewMessage.builder(Role.USER).content("x").attributes(json).build();
  }

  @Test
  void attributesPastMaxCharsAreRefused() {
    ChatSession s = newSession();
    String longest = "{\"a\":\"" + "x".repeat(attributeLimits().maxChars() - 8) + "\"}";
    Message atTheLimit = store().append(s.id(), withAttributes(longest));

    refused(s, withAttributes(longest.replace("\"a\"", "\"ab\"")), "attributesJson", attributeLimits().maxChars());
    assertThat(store().getMessage(s.id(), atTheLimit.id()).attributesJson()).isEqualTo(longest);
  }

  @Test
  void attributesNestedPastMaxDepthAreRefused() {
    ChatSession s = newSession();

    refusedUnder(s, withAttributes("{\"a\":" + Fixtures.nestedJson(attributeLimits().maxDepth()) + "}"),
        "attributesJson", attributeLimits().maxDepth());
  }

  @Test
  void attributesPastMaxEntriesAreRefused() {
    ChatSession s = newSession();
    StringBuilder tooMany = new StringBuilder("{");
    for (int i = 0; i <= attributeLimits().maxEntries(); i++) {
      tooMany.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    }

    refused(s, withAttributes(tooMany.append('}').toString()), "attributesJson", attributeLimits().maxEntries());
  }

  @Test
  void aBadMessageInTheMiddleOfABatchWritesNothing() {
    ChatSession s = newSession();
    store().append(s.id(), NewMessage.user("already there"));
    NewMessage first = NewMessage.builder(Role.USER).part(MediaPart.reference("image/png", "https://x/a.png")).build();
    NewMessage bad = withParts(MediaPart.inline("image/png", new byte[max().maxInlineBytes() + 1]));
    NewMessage last = NewMessage.builder(Role.ASSISTANT).part(Part.reasoning("r")).part(Part.text("t")).build();
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    assertInvalid(() -> store().appendAll(s.id(), List.of(first, bad, last)), "messages[1].parts[0].bytes");

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
    assertThat(store().findMessage(s.id(), first.id())).isEmpty();
    assertThat(store().findMessage(s.id(), last.id())).isEmpty();
    assertThat(seqs(store().appendAll(s.id(), List.of(first, last)))).containsExactly(2L, 3L);
  }

  @Test
  void partTextsMustBeWholeCharacters() {
    ChatSession s = newSession();
    StoreSnapshot before = StoreSnapshot.of(store(), OWNER);

    // each half is refused on its own although the joined content would be well-formed
    assertInvalid(() -> store().append(s.id(), withParts(Part.text("rain \uD83C"), Part.text("\uDF27"))),
        "parts[0].text");
    assertInvalid(() -> store().append(s.id(), withParts(Part.text("ok"), Part.reasoning("lone \uDE00"))),
        "parts[1].text");
    assertInvalid(() -> store().append(s.id(), withParts(new ReasoningPart("t", Optional.of("sig\uD800"),
        Optional.empty(), Map.of()))), "parts[0].signature");
    assertInvalid(() -> store().append(s.id(), withParts(MediaPart.reference("image/png", "https://x/\uDC00"))),
        "parts[0].uri");

    assertThat(StoreSnapshot.of(store(), OWNER)).isEqualTo(before);
  }
}
