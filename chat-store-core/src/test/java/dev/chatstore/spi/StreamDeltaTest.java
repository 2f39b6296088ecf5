package dev.chatstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.InvalidInputException;
import dev.chatstore.MediaPart;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.TextPart;
import dev.chatstore.ToolCall;
import dev.chatstore.UnknownPart;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What one stream write adds: how deltas add up, a retry's rest, the parts they read as, their stored extras. */
class StreamDeltaTest {
  private static final ToolCall C1 = new ToolCall("c1", "search", "{}");
  private static final ToolCall C2 = new ToolCall("c2", "fetch", "{\"u\":1}");
  private static final Part IMAGE = MediaPart.reference("image/png", "https://x/a.png");
  private static final Part INLINE = MediaPart.inline("image/gif", new byte[] {0, 1, -1});

  private static StreamDelta delta(String text, String reasoning, String signature, List<ToolCall> calls,
      List<Part> attachments) {
    return new StreamDelta(text, reasoning, Optional.ofNullable(signature), calls, attachments);
  }

  private static byte[] everyByte() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  @Test
  void plusJoinsEachChannelAndListInOrderAndTheLaterSignatureWins() {
    StreamDelta first = delta("Hel", "thi", "s1", List.of(C1), List.of(IMAGE));
    StreamDelta second = delta("lo", "nk", "s2", List.of(C2), List.of(INLINE));

    assertThat(first.plus(second)).isEqualTo(delta("Hello", "think", "s2", List.of(C1, C2), List.of(IMAGE, INLINE)));
    assertThat(first.plus(delta("!", "", null, List.of(), List.of())))
        .as("a later delta without a signature keeps the earlier one")
        .isEqualTo(delta("Hel!", "thi", "s1", List.of(C1), List.of(IMAGE)));
  }

  @Test
  void nothingAddsNothing() {
    StreamDelta some = delta("t", "r", "s", List.of(C1), List.of(IMAGE));

    assertThat(some.plus(StreamDelta.EMPTY)).isEqualTo(some);
    assertThat(StreamDelta.EMPTY.plus(some)).isEqualTo(some);
    assertThat(StreamDelta.EMPTY.isEmpty()).isTrue();
    assertThat(StreamDelta.of("", List.of()).isEmpty()).isTrue();
    assertThat(delta("", "", "", List.of(), List.of()).isEmpty()).as("an empty signature is still a signature").isFalse();
  }

  @Test
  void onlyReasoningASignatureOrAttachmentsAreExtras() {
    assertThat(StreamDelta.of("text", List.of(C1)).hasExtras()).isFalse();
    assertThat(delta("", "r", null, List.of(), List.of()).hasExtras()).isTrue();
    assertThat(delta("", "", "s", List.of(), List.of()).hasExtras()).isTrue();
    assertThat(delta("", "", null, List.of(), List.of(IMAGE)).hasExtras()).isTrue();
  }

  @Test
  void aRetriedWriteStartsWithWhatLandedAndAfterIsTheRest() {
    StreamDelta landed = delta("ab", "r1", "s1", List.of(C1), List.of(IMAGE));
    StreamDelta retried = landed.plus(delta("cd", "r2", "s2", List.of(C2), List.of(INLINE)));

    assertThat(retried.startsWith(landed)).isTrue();
    assertThat(retried.after(landed)).isEqualTo(delta("cd", "r2", "s2", List.of(C2), List.of(INLINE)));
    assertThat(landed.plus(retried.after(landed))).isEqualTo(retried);
    assertThat(landed.startsWith(landed)).isTrue();
    assertThat(landed.after(landed).isEmpty()).as("the signature stays: it is the write's, stored again")
        .isFalse();
    assertThat(landed.after(landed).parts()).containsExactly(new ReasoningPart("", Optional.of("s1"),
        Optional.empty(), Map.of()));
  }

  @Test
  void aDeltaDoesNotStartWithOneThatDiffersOnAnyChannelOrHasMoreItems() {
    StreamDelta retried = delta("abcd", "r1r2", "s", List.of(C1), List.of(IMAGE));

    assertThat(retried.startsWith(delta("ax", "r1", null, List.of(), List.of()))).isFalse();
    assertThat(retried.startsWith(delta("ab", "rx", null, List.of(), List.of()))).isFalse();
    assertThat(retried.startsWith(delta("ab", "r1", null, List.of(C1, C2), List.of()))).isFalse();
    assertThat(retried.startsWith(delta("ab", "r1", null, List.of(), List.of(IMAGE, INLINE)))).isFalse();
    assertThat(retried.startsWith(StreamDelta.EMPTY)).isTrue();
  }

  @Test
  void partsAreReasoningThenTextThenTheAttachmentsInOrder() {
    assertThat(delta("answer", "thought", "sig", List.of(C1), List.of(INLINE, IMAGE)).parts()).containsExactly(
        new ReasoningPart("thought", Optional.of("sig"), Optional.empty(), Map.of()), new TextPart("answer"), INLINE,
        IMAGE);
    assertThat(delta("answer", "thought", null, List.of(), List.of()).parts())
        .containsExactly(new ReasoningPart("thought"), new TextPart("answer"));
    assertThat(delta("answer", "", "sig", List.of(), List.of()).parts()).as("a signature alone makes a reasoning part")
        .containsExactly(new ReasoningPart("", Optional.of("sig"), Optional.empty(), Map.of()), new TextPart("answer"));
    assertThat(delta("", "", null, List.of(), List.of(IMAGE)).parts()).containsExactly(IMAGE);
    assertThat(StreamDelta.of("text only", List.of(C1)).parts()).containsExactly(new TextPart("text only"));
    assertThat(StreamDelta.EMPTY.parts()).isEmpty();
  }

  @Test
  void aDeltaWithTextAndCallsOnlyHasNoExtrasToStore() {
    StreamDelta plain = StreamDelta.of("text", List.of(C1));

    assertThat(plain.extrasJson()).isEmpty();
    assertThat(plain.withExtras(Optional.empty(), "extras")).isSameAs(plain);
  }

  @Test
  void extrasReadBackExactlyBesideTheTextAndCallsStoredApart() {
    Part encrypted = ReasoningPart.encrypted("summary", "gAAAA+/==");
    Part unknown = new UnknownPart("citation", Map.of("source", "{\"url\":\"https://e.org\"}"));
    Part bytes = MediaPart.inline("application/octet-stream", everyByte()).withFileName("ü 😀.bin");
    List<String> hostile = List.of(
        "plain",
        "nul \u0000 and 𝄞 😀 𠜎",
        "{\"reasoning\":\"fake\",\"signature\":\"x\",\"attachments\":[]}",
        "\"}, \"signature\": \"injected",
        "back\\slash \\u0000 \\\\ \n\r\t \u2028",
        " edge whitespace\n");
    for (String text : hostile) {
      StreamDelta full = delta("answer " + text, text, text, List.of(C1), List.of(bytes, encrypted, unknown, IMAGE));
      String stored = full.extrasJson().orElseThrow();

      StreamDelta read = StreamDelta.of(full.text(), full.toolCalls()).withExtras(Optional.of(stored), "extras");

      assertThat(read).as("extras %s", stored).isEqualTo(full);
      assertThat(read.parts()).isEqualTo(full.parts());
    }
  }

  @Test
  void eachExtraIsLeftOutWhenEmpty() {
    assertThat(delta("t", "r", null, List.of(), List.of()).extrasJson()).contains("{\"reasoning\":\"r\"}");
    assertThat(delta("t", "", "s", List.of(), List.of()).extrasJson()).contains("{\"signature\":\"s\"}");
    assertThat(delta("t", "", null, List.of(), List.of(IMAGE)).extrasJson()).hasValueSatisfying(json -> assertThat(json)
        .startsWith("{\"attachments\":[").doesNotContain("reasoning").doesNotContain("signature"));
  }

  @Test
  void extrasAddToTheDeltaTheyAreReadInto() {
    StreamDelta base = delta("t", "first ", "old", List.of(), List.of(IMAGE));
    String extras = delta("", "second", "new", List.of(), List.of(INLINE)).extrasJson().orElseThrow();

    assertThat(base.withExtras(Optional.of(extras), "extras"))
        .isEqualTo(delta("t", "first second", "new", List.of(), List.of(IMAGE, INLINE)));
  }

  @Test
  void malformedExtrasAreRefusedNamingTheField() {
    refused("not json", "row.extras");
    refused("", "row.extras");
    refused("[]", "row.extras");
    refused("\"reasoning\"", "row.extras");
    refused("{\"reasoning\":1}", "row.extras.reasoning");
    refused("{\"reasoning\":null}", "row.extras.reasoning");
    refused("{\"signature\":{\"a\":1}}", "row.extras.signature");
    refused("{\"signature\":[\"s\"]}", "row.extras.signature");
    refused("{\"attachments\":{}}", "row.extras.attachments");
    refused("{\"attachments\":[1]}", "row.extras.attachments[0]");
    refused("{\"attachments\":[{\"text\":\"no type\"}]}", "row.extras.attachments[0].type");
  }

  private static void refused(String extras, String field) {
    StreamDelta base = StreamDelta.of("t", List.of());
    assertThatThrownBy(() -> base.withExtras(Optional.of(extras), "row.extras"))
        .as("extras %s", extras)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void nullsAreRefusedNamingTheArgument() {
    assertThatThrownBy(() -> new StreamDelta(null, "", Optional.empty(), List.of(), List.of()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("text"));
    assertThatThrownBy(() -> new StreamDelta("", "", null, List.of(), List.of()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("signature"));
    assertThatThrownBy(() -> StreamDelta.EMPTY.withExtras(null, "row.extras"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("row.extras"));
  }
}
