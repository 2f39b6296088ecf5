package dev.chatstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.chatstore.InvalidInputException;
import dev.chatstore.MediaPart;
import dev.chatstore.NewMessage;
import dev.chatstore.Part;
import dev.chatstore.PartLimits;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.StoreLimits;
import dev.chatstore.TextPart;
import dev.chatstore.ToolResult;
import dev.chatstore.UnknownPart;
import dev.chatstore.metadata.JsonLimits;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** InputRules on parts and attributes, with small limits: each limit names the part, the field and the limit. */
class PartRulesTest {
  /** 3 parts, 10 chars a field, 8 inline bytes, 20 in all; attributes of 40 chars, depth 2, 3 entries. */
  private static final InputRules RULES = new InputRules(StoreLimits.defaults()
      .withParts(new PartLimits(3, 10, 8, 20))
      .withAttributes(new JsonLimits(40, 2, 3)));

  private static NewMessage parts(Part... parts) {
    return NewMessage.builder(Role.ASSISTANT).parts(List.of(parts)).build();
  }

  private static void refused(ThrowingCallable call, String field, String limit) {
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.reason()).contains("limit of " + limit);
    });
  }

  private static void refused(NewMessage m, String field, String limit) {
    refused(() -> RULES.check(m), field, limit);
  }

  @Test
  void partsWithinEveryLimitPass() {
    // 7 chars + 3 of MIME type + 8 bytes + 0 chars: 18 of the 20
    assertThatCode(() -> RULES.check(parts(Part.text("0123456"), MediaPart.inline("a/b", new byte[8]),
        Part.reasoning("")))).doesNotThrowAnyException();
  }

  @Test
  void moreThanMaxPartsNamesTheParts() {
    refused(parts(Part.text("a"), Part.text("b"), Part.text("c"), Part.text("d")), "parts", "3");
  }

  @Test
  void eachFieldOfAPartHasTheSameLimit() {
    String eleven = "x".repeat(11);
    refused(parts(Part.text("ok"), Part.reasoning(eleven)), "parts[1].text", "10");
    refused(parts(ReasoningPart.signed("t", eleven)), "parts[0].signature", "10");
    refused(parts(ReasoningPart.encrypted("t", eleven)), "parts[0].encrypted", "10");
    refused(parts(MediaPart.reference("a/b", eleven)), "parts[0].uri", "10");
    refused(parts(MediaPart.reference("a/b", "u").withFileName(eleven)), "parts[0].fileName", "10");
    refused(parts(MediaPart.reference("image/" + eleven, "u")), "parts[0].mimeType", "10");
    refused(parts(Part.text(eleven)), "parts[0].text", "10");
    // a field a newer version wrote counts as one of the part's own
    refused(parts(new UnknownPart("later", Map.of("payload", "\"" + "y".repeat(9) + "\""))), "parts[0].payload", "10");
  }

  @Test
  void inlineBytesCountOverTheWholeMessage() {
    refused(parts(MediaPart.inline("a/b", new byte[5]), Part.text("t"), MediaPart.inline("a/b", new byte[4])),
        "parts[2].bytes", "8");
    refused(parts(MediaPart.inline("a/b", new byte[9])), "parts[0].bytes", "8");
  }

  @Test
  void theMessageSizeCountsCharsInlineBytesAndUnknownFields() {
    refused(parts(Part.text("0123456789"), Part.reasoning("0123456789"), Part.text("x")), "parts[2]", "20");
    refused(parts(MediaPart.inline("a/b", new byte[8]), Part.text("0123456789")), "parts[1]", "20");
    UnknownPart newer = new UnknownPart("later", Map.of("payload", "\"0123456\"")); // 7 + 9 chars
    refused(parts(Part.text("01234"), newer), "parts[1]", "20");
  }

  @Test
  void eachPartTextMustBeWholeCharactersEvenWhenTheContentIs() {
    assertThatThrownBy(() -> RULES.check(parts(Part.text("a\uD83D"), Part.text("\uDE00"))))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("parts[0].text"));
    assertThatThrownBy(() -> RULES.check(parts(new TextPart("ok"), Part.reasoning("\uDE00"))))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("parts[1].text"));
  }

  @Test
  void attributesHaveTheirOwnLimits() {
    NewMessage.Builder m = NewMessage.builder(Role.USER).content("x");
    refused(m.attributes("{\"a\":\"" + "x".repeat(33) + "\"}").build(), "attributesJson", "40");
    refused(() -> RULES.check(m.attributes("{\"a\":{\"b\":[]}}").build()), "attributesJson.a.b", "2");
    refused(m.attributes("{\"a\":1,\"b\":2,\"c\":3,\"d\":4}").build(), "attributesJson", "3");
  }

  @Test
  void aBatchNamesTheMessageThePartAndTheField() {
    refused(() -> RULES.checkBatch(List.of(NewMessage.user("fine"), parts(MediaPart.reference("a/b", "u"),
        Part.reasoning("x".repeat(11))))), "messages[1].parts[1].text", "10");
  }

  @Test
  void textToolOutputsAreLimitedByLengthAndNeverParsed() {
    InputRules small = new InputRules(StoreLimits.defaults().withDocuments(new JsonLimits(5, 64, 100)));
    assertThatCode(() -> small.check(NewMessage.tool(ToolResult.text("c", "t", "{oops")))).doesNotThrowAnyException();
    refused(() -> small.check(NewMessage.tool(List.of(ToolResult.text("c", "t", "ok"),
        ToolResult.text("d", "t", "123456")))), "toolResults[1].output", "5");
  }
}
