package dev.chatstore.metadata;

import static dev.chatstore.metadata.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.InvalidInputException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MetadataLimitsTest {
  private static final JsonLimits SMALL = new JsonLimits(100, 4, 4);
  private final ChatMetadataCodec chat = new ChatMetadataCodec(SMALL);
  private final MessageMetadataCodec message = new MessageMetadataCodec(SMALL);

  @Test
  void encodedTextLongerThanMaxCharsIsRefused() {
    ChatMetadata big = ChatMetadata.builder().context("k", "x".repeat(100)).build();

    InvalidInputException e = refusal(() -> chat.encode(big));

    assertThat(e.field()).isEqualTo("metadata");
    assertThat(e.reason()).isEqualTo("is 138 characters of JSON, more than the limit of 100");
  }

  @Test
  void textLongerThanMaxCharsIsRefusedBeforeParsing() {
    String big = "{\"schemaVersion\":1,\"model\":\"" + "x".repeat(100) + "\"}";

    InvalidInputException e = refusal(() -> message.decode(big));

    assertThat(e.field()).isEqualTo("metadata");
    assertThat(e.reason()).isEqualTo("is " + big.length() + " characters of JSON, more than the limit of 100");
  }

  @Test
  void aValueAtTheLimitsIsAccepted() {
    // Depth 4: the document, extensions, the extension, its array; 4 entries at each level.
    ChatMetadata atLimits = ChatMetadata.builder().extensionJson("e", "{\"a\":[1,2,3,4],\"b\":0,\"c\":0,\"d\":0}")
        .build();

    assertThat(chat.decode(chat.encode(atLimits))).isEqualTo(atLimits);
  }

  @Test
  void nestingDeeperThanMaxDepthIsRefusedWhereItCrossesTheLimit() {
    // Levels: the document 1, extensions 2, foo 3, a 4, b 5 (past the limit), b's inner array 6.
    ChatMetadata deep = ChatMetadata.builder().extensionJson("foo", "{\"a\":{\"b\":[[1]]}}").build();

    InvalidInputException e = refusal(() -> chat.encode(deep));

    assertThat(e.field()).isEqualTo("metadata.extensions.foo.a.b");
    assertThat(e.reason()).isEqualTo("nests 6 levels deep, more than the limit of 4");
    InvalidInputException decoding = refusal(() ->
        chat.decode("{\"schemaVersion\":1,\"extensions\":{\"foo\":{\"a\":{\"b\":[[1]]}}}}"));
    assertThat(decoding.field()).isEqualTo("metadata.extensions.foo.a.b");
  }

  @Test
  void depthIsCheckedInEveryPartOfTheDocument() {
    MessageMetadata state = MessageMetadata.builder().executionStateJson("run", "[[[1]]]").build();
    assertThat(refusal(() -> message.encode(state)).field()).isEqualTo("metadata.executionState.run[0][0]");

    MessageMetadata unknown = MessageMetadata.builder().unknownFieldJson("future", "[[[[1]]]]").build();
    assertThat(refusal(() -> message.encode(unknown)).field()).isEqualTo("metadata.future[0][0][0]");

    ChatMetadata references = ChatMetadata.builder().reference("t", "1").build();
    ChatMetadataCodec shallow = new ChatMetadataCodec(new JsonLimits(1000, 2, 100));
    assertThat(refusal(() -> shallow.encode(references)).field()).isEqualTo("metadata.references[0]");
  }

  @Test
  void moreEntriesThanMaxEntriesAreRefusedNamingTheContainer() {
    ChatMetadata.Builder projects = ChatMetadata.builder();
    IntStream.range(0, 5).forEach(i -> projects.connectedProject("p" + i));
    InvalidInputException e = refusal(() -> chat.encode(projects.build()));
    assertThat(e.field()).isEqualTo("metadata.connectedProjects");
    assertThat(e.reason()).isEqualTo("holds 5 entries, more than the limit of 4");

    ChatMetadata.Builder context = ChatMetadata.builder();
    IntStream.range(0, 5).forEach(i -> context.context("k" + i, "v"));
    assertThat(refusal(() -> chat.encode(context.build())).field()).isEqualTo("metadata.context");

    ChatMetadata extension = ChatMetadata.builder().extensionJson("foo", "[1,2,3,4,5]").build();
    assertThat(refusal(() -> chat.encode(extension)).field()).isEqualTo("metadata.extensions.foo");

    MessageMetadata topLevel = MessageMetadata.builder().model("m").routine("r").toolCalled("t").error("e").build();
    InvalidInputException fields = refusal(() -> message.encode(topLevel));
    assertThat(fields.field()).isEqualTo("metadata");
    assertThat(fields.reason()).isEqualTo("holds 5 entries, more than the limit of 4");
  }

  @Test
  void decodeAppliesTheEntryLimitToo() {
    String routines = IntStream.range(0, 5).mapToObj(i -> "\"r" + i + "\"").collect(Collectors.joining(","));

    InvalidInputException e = refusal(() -> message.decode("{\"schemaVersion\":1,\"routines\":[" + routines + "]}"));

    assertThat(e.field()).isEqualTo("metadata.routines");
  }

  @Test
  void aKeyThatIsNotAPlainWordIsQuotedInThePath() {
    ChatMetadata deep = ChatMetadata.builder().extensionJson("my.ext \"1\"", "{\"a\":{\"b\":[[1]]}}").build();

    assertThat(refusal(() -> chat.encode(deep)).field()).isEqualTo("metadata.extensions[\"my.ext \\\"1\\\"\"].a.b");
  }

  @Test
  void standardLimitsAllowAThousandEntries() {
    ChatMetadata.Builder thousand = ChatMetadata.builder();
    IntStream.range(0, 1000).forEach(i -> thousand.context("k" + i, "v"));
    ChatMetadata metadata = thousand.build();
    assertThat(ChatMetadataCodec.standard().decode(ChatMetadataCodec.standard().encode(metadata))).isEqualTo(metadata);

    ChatMetadata tooMany = metadata.toBuilder().context("one-more", "v").build();
    assertThat(refusal(() -> ChatMetadataCodec.standard().encode(tooMany)).reason())
        .isEqualTo("holds 1001 entries, more than the limit of 1000");
  }

  @Test
  void nestingBeyondTheParserLimitIsRefusedAsMalformed() {
    String deep = "{\"schemaVersion\":1,\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

    InvalidInputException e = refusal(() -> ChatMetadataCodec.standard().decode(deep));

    assertThat(e.field()).isEqualTo("metadata");
  }

  @Test
  void aNumberTooLongInPlainNotationIsRefusedNotCrashed() {
    InvalidInputException e = refusal(() -> chat.decode("{\"schemaVersion\":1,\"x\":1e10000}"));
    assertThat(e.field()).isEqualTo("metadata.x");
    assertThat(e.reason()).isEqualTo(
        "holds the number 1E+10000, which is 10001 digits in plain notation, more than the limit of 1000");
    assertThat(refusal(() -> ChatMetadata.builder().extensionJson("e", "[1e-10000]")).field())
        .isEqualTo("metadata.extensions.e");
    assertThat(refusal(() -> ChatMetadata.builder().extensionJson("e", "{\"a\":[2.5e1000]}")).field())
        .isEqualTo("metadata.extensions.e");
  }

  @Test
  void numbersUpToAThousandDigitsAreWrittenInFull() {
    ChatMetadata metadata = ChatMetadata.builder().extensionJson("e", "[1e999, 1.5e-998, 4.9e-324]").build();

    String written = metadata.extensions().get("e");
    // 1000 digits; 1000 digits and a point; 326 digits (the smallest double) and a point.
    assertThat(written).startsWith("[1000").contains(",0.000").hasSize(1 + 1000 + 1 + 1001 + 1 + 327 + 1);
    assertThat(ChatMetadataCodec.standard().decode(ChatMetadataCodec.standard().encode(metadata)))
        .isEqualTo(metadata);
  }
}
