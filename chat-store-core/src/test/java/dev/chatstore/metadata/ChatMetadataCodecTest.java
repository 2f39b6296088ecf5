package dev.chatstore.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChatMetadataCodecTest {
  private final ChatMetadataCodec codec = ChatMetadataCodec.standard();

  @Test
  void emptyMetadataEncodesAsItsVersionAlone() {
    assertThat(codec.encode(ChatMetadata.empty())).isEqualTo("{\"schemaVersion\":1}");
    assertThat(codec.decode("{\"schemaVersion\":1}")).isEqualTo(ChatMetadata.empty());
  }

  @Test
  void fullMetadataRoundTrips() {
    ChatMetadata full = ChatMetadata.builder()
        .connectedProject("p-2").connectedProject("p-1")
        .reference("ticket", "T-7").reference("file", "a/b.txt")
        .context("temperature", "0.2").context("lang", "fr")
        .extension("retrieval", "{\"k\": 5, \"sources\": [\"wiki\"]}")
        .unknownField("futureField", "{\"x\": [1, 2.50]}")
        .build();
    String json = codec.encode(full);
    assertThat(json).isEqualTo("{\"connectedProjects\":[\"p-2\",\"p-1\"],\"context\":{\"lang\":\"fr\","
        + "\"temperature\":\"0.2\"},\"extensions\":{\"retrieval\":{\"k\":5,\"sources\":[\"wiki\"]}},"
        + "\"futureField\":{\"x\":[1,2.50]},\"references\":[{\"id\":\"T-7\",\"type\":\"ticket\"},"
        + "{\"id\":\"a/b.txt\",\"type\":\"file\"}],\"schemaVersion\":1}");
    assertThat(codec.decode(json)).isEqualTo(full);
    assertThat(codec.encode(codec.decode(json))).isEqualTo(json);
  }
}
