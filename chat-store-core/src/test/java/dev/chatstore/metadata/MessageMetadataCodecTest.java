package dev.chatstore.metadata;

import static dev.chatstore.metadata.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.InvalidInputException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageMetadataCodecTest {
  private final MessageMetadataCodec codec = MessageMetadataCodec.standard();

  @Test
  void emptyMetadataEncodesAsItsVersionAlone() {
    assertThat(codec.encode(MessageMetadata.empty())).isEqualTo("{\"schemaVersion\":1}");
    assertThat(codec.decode("{\"schemaVersion\":1}")).isEqualTo(MessageMetadata.empty());
  }

  @Test
  void fullMetadataRoundTripsAsCanonicalJson() {
    MessageMetadata full = MessageMetadata.builder()
        .model("gpt-x").usage(12, 34).finishReason("stop").latency(Duration.ofSeconds(3, 123_456_789))
        .routine("summarize").toolCalled("search").toolCalled("fetch")
        .executionStateJson("search", "{\"hits\": 3}").error("boom")
        .extensionJson("billing", "{\"cents\": 7}")
        .unknownFieldJson("futureField", "[true, null]")
        .build();

    String json = codec.encode(full);

    assertThat(json).isEqualTo("{\"error\":\"boom\",\"executionState\":{\"search\":{\"hits\":3}},"
        + "\"extensions\":{\"billing\":{\"cents\":7}},\"finishReason\":\"stop\",\"futureField\":[true,null],"
        + "\"latencyNanos\":3123456789,\"model\":\"gpt-x\",\"routines\":[\"summarize\"],\"schemaVersion\":1,"
        + "\"toolsCalled\":[\"search\",\"fetch\"],\"usage\":{\"inputTokens\":12,\"outputTokens\":34}}");
    MessageMetadata decoded = codec.decode(json);
    assertThat(decoded).isEqualTo(full);
    assertThat(decoded.usage()).contains(new TokenUsage(12, 34));
    assertThat(decoded.toolsCalled()).containsExactly("search", "fetch");
    assertThat(codec.encode(decoded)).isEqualTo(json);
  }

  @Test
  void absentNullAndEmptyFieldsAllReadAsEmpty() {
    String nulls = "{\"schemaVersion\":1,\"model\":null,\"usage\":null,\"finishReason\":null,"
        + "\"latencyNanos\":null,\"routines\":null,\"toolsCalled\":[],\"executionState\":{},\"error\":null,"
        + "\"extensions\":null}";

    assertThat(codec.decode(nulls)).isEqualTo(MessageMetadata.empty());
    assertThat(codec.encode(codec.decode(nulls))).isEqualTo("{\"schemaVersion\":1}");
  }

  @Test
  void latencyRoundTripsToTheNanosecond() {
    for (Duration latency : new Duration[] {Duration.ZERO, Duration.ofNanos(1), Duration.ofMillis(1500),
        Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofDays(365L * 1000)}) {
      MessageMetadata metadata = MessageMetadata.builder().latency(latency).build();
      assertThat(codec.decode(codec.encode(metadata)).latency()).contains(latency);
    }
    assertThat(codec.encode(MessageMetadata.builder().latency(Duration.ofMillis(2)).build()))
        .isEqualTo("{\"latencyNanos\":2000000,\"schemaVersion\":1}");
  }

  @Test
  void textIsKeptExactly() {
    String odd = "\uD83E\uDD16 \u0000 \"quoted\" \\ \t";
    MessageMetadata metadata = MessageMetadata.builder().model(odd).finishReason(odd).routine(odd)
        .toolCalled(odd).error(odd).executionStateJson(odd, "\"" + "\\u0000" + "\"").build();

    assertThat(codec.decode(codec.encode(metadata))).isEqualTo(metadata);
  }

  @Test
  void unknownFieldsAndANewerVersionSurvive() {
    String newer = "{\"schemaVersion\":3,\"model\":\"m\",\"reasoning\":{\"steps\":[{\"t\":\"\uD83D\uDE00\\u0000\"}]},"
        + "\"cost\":0.0001}";

    MessageMetadata metadata = codec.decode(newer);

    assertThat(metadata.schemaVersion()).isEqualTo(3);
    assertThat(metadata.model()).contains("m");
    assertThat(metadata.unknownFields()).containsOnlyKeys("reasoning", "cost");
    assertThat(codec.encode(metadata)).isEqualTo("{\"cost\":0.0001,\"model\":\"m\","
        + "\"reasoning\":{\"steps\":[{\"t\":\"\uD83D\uDE00\\u0000\"}]},\"schemaVersion\":3}");
  }

  @Test
  void fieldsAddedInsideUsageAreReadPast() {
    MessageMetadata metadata = codec.decode(
        "{\"schemaVersion\":2,\"usage\":{\"inputTokens\":1,\"outputTokens\":2,\"cachedTokens\":9}}");

    assertThat(metadata.usage()).contains(new TokenUsage(1, 2));
  }

  @Test
  void schemaVersionIsRequired() {
    InvalidInputException e = refusal(() -> codec.decode("{\"model\":\"m\"}"));

    assertThat(e.field()).isEqualTo("metadata.schemaVersion");
    assertThat(e.reason()).isEqualTo("required");
  }

  @Test
  void malformedJsonIsRefusedAsTheMetadataField() {
    InvalidInputException e = refusal(() -> codec.decode("{\"schemaVersion\":1,\"model\":"));

    assertThat(e.field()).isEqualTo("metadata");
    assertThat(e.reason()).startsWith("is not valid JSON");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"model\":5                                  | metadata.model              | must be a string, was the number 5",
      "\"finishReason\":{}                          | metadata.finishReason       | must be a string, was an object",
      "\"error\":false                              | metadata.error              | must be a string, was false",
      "\"usage\":[1,2]                              | metadata.usage              | must be an object, was an array",
      "\"usage\":{\"inputTokens\":\"1\",\"outputTokens\":2} | metadata.usage.inputTokens | must be a whole number, was a string",
      "\"usage\":{\"inputTokens\":1,\"outputTokens\":2.5} | metadata.usage.outputTokens | must be a whole number, was the number 2.5",
      "\"usage\":{\"inputTokens\":1}                | metadata.usage.outputTokens | required",
      "\"usage\":{\"inputTokens\":-1,\"outputTokens\":0} | metadata.usage.inputTokens | must not be negative, was -1",
      "\"usage\":{\"inputTokens\":9223372036854775808,\"outputTokens\":0} | metadata.usage.inputTokens | must be at most 9223372036854775807, was 9223372036854775808",
      "\"latencyNanos\":\"5\"                       | metadata.latencyNanos       | must be a whole number, was a string",
      "\"latencyNanos\":1.5                         | metadata.latencyNanos       | must be a whole number, was the number 1.5",
      "\"latencyNanos\":-1                          | metadata.latencyNanos       | must not be negative, was -1",
      "\"latencyNanos\":9223372036854775808000000000 | metadata.latencyNanos      | is longer than any Duration, was 9223372036854775808000000000",
      "\"routines\":[\"a\",{}]                      | metadata.routines[1]        | must be a string, was an object",
      "\"toolsCalled\":\"search\"                   | metadata.toolsCalled        | must be an array, was a string",
      "\"executionState\":[]                        | metadata.executionState     | must be an object, was an array",
      "\"extensions\":1                             | metadata.extensions         | must be an object, was the number 1",
  })
  void wrongTypesAreRefusedNamingTheField(String field, String path, String reason) {
    InvalidInputException e = refusal(() -> codec.decode("{\"schemaVersion\":1," + field + "}"));
    assertThat(e.field()).isEqualTo(path);
    assertThat(e.reason()).isEqualTo(reason);
  }

  @Test
  void anUnknownFieldMayNotTakeAKnownName() {
    MessageMetadata clash = MessageMetadata.builder().unknownFieldJson("latencyNanos", "5").build();

    assertThat(refusal(() -> codec.encode(clash)).field()).isEqualTo("metadata.unknownFields.latencyNanos");
  }

  @Test
  void builderNamesTheUsageFieldItRefuses() {
    assertThat(refusal(() -> MessageMetadata.builder().usage(1, -2)).field())
        .isEqualTo("metadata.usage.outputTokens");
  }

  @Test
  void failedReplyKeepsItsError() {
    MessageMetadata failed = MessageMetadata.builder().model("m").build().withError("timed out");

    assertThat(codec.decode(codec.encode(failed)).error()).isEqualTo(Optional.of("timed out"));
  }
}
