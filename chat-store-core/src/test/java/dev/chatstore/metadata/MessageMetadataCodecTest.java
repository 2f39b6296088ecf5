package dev.chatstore.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MessageMetadataCodecTest {
  private final MessageMetadataCodec codec = MessageMetadataCodec.standard();

  @Test
  void emptyMetadataEncodesAsItsVersionAlone() {
    assertThat(codec.encode(MessageMetadata.empty())).isEqualTo("{\"schemaVersion\":1}");
    assertThat(codec.decode("{\"schemaVersion\":1}")).isEqualTo(MessageMetadata.empty());
  }

  @Test
  void fullMetadataRoundTrips() {
    MessageMetadata full = MessageMetadata.builder()
        .model("gpt-x").usage(12, 34).finishReason("stop").latency(Duration.ofSeconds(3, 123_456_789))
        .routine("summarize").toolCalled("search").toolCalled("fetch")
        .executionState("search", "{\"hits\": 3}").error("boom")
        .extension("billing", "{\"cents\": 7}")
        .unknownField("futureField", "[true, null]")
        .build();
    String json = codec.encode(full);
    assertThat(json).isEqualTo("{\"error\":\"boom\",\"executionState\":{\"search\":{\"hits\":3}},"
        + "\"extensions\":{\"billing\":{\"cents\":7}},\"finishReason\":\"stop\",\"futureField\":[true,null],"
        + "\"latencyNanos\":3123456789,\"model\":\"gpt-x\",\"routines\":[\"summarize\"],\"schemaVersion\":1,"
        + "\"toolsCalled\":[\"search\",\"fetch\"],\"usage\":{\"inputTokens\":12,\"outputTokens\":34}}");
    assertThat(codec.decode(json)).isEqualTo(full);
    assertThat(codec.encode(codec.decode(json))).isEqualTo(json);
  }
}
