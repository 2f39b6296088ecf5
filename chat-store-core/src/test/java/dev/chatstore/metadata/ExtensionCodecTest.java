package dev.chatstore.metadata;

import static dev.chatstore.metadata.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.InvalidInputException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtensionCodecTest {
  record Retrieval(int topK, List<String> sources, BigDecimal threshold, Mode mode, Nested nested) {}

  record Nested(String note, Map<String, Long> weights) {}

  enum Mode { DENSE, HYBRID }

  record Billing(String account, long cents) {}

  /** A bean, for hosts that do not use records. */
  public static final class Settings {
    private String theme = "dark";

    public String getTheme() {
      return theme;
    }

    public void setTheme(String theme) {
      this.theme = theme;
    }
  }

  private static final ExtensionCodec<Retrieval> RETRIEVAL = ExtensionCodec.json("retrieval", Retrieval.class);
  private static final ExtensionCodec<Billing> BILLING = ExtensionCodec.json("billing", Billing.class);

  private final Retrieval retrieval = new Retrieval(5, List.of("wiki", "docs \uD83D\uDCDA"),
      new BigDecimal("0.750"), Mode.HYBRID, new Nested("nul \u0000 inside", Map.of("b", 2L, "a", 1L)));

  @Test
  void aRecordRoundTripsThroughChatMetadataAndItsCodec() {
    ChatMetadata metadata = ChatMetadata.empty().withExtension(RETRIEVAL, retrieval);

    assertThat(metadata.extension(RETRIEVAL)).contains(retrieval);
    assertThat(metadata.extensions().get("retrieval")).isEqualTo("{\"mode\":\"HYBRID\",\"nested\":{\"note\":"
        + "\"nul \\u0000 inside\",\"weights\":{\"a\":1,\"b\":2}},\"sources\":[\"wiki\",\"docs \uD83D\uDCDA\"],"
        + "\"threshold\":0.750,\"topK\":5}");
    ChatMetadata back = ChatMetadataCodec.standard().decode(ChatMetadataCodec.standard().encode(metadata));
    assertThat(back.extension(RETRIEVAL)).contains(retrieval);
  }

  @Test
  void aRecordRoundTripsThroughMessageMetadataAndItsCodec() {
    MessageMetadata metadata = MessageMetadata.builder().model("m").build()
        .withExtension(BILLING, new Billing("acme", 42))
        .withExtension(RETRIEVAL, retrieval);

    MessageMetadata back = MessageMetadataCodec.standard().decode(MessageMetadataCodec.standard().encode(metadata));

    assertThat(back.extension(BILLING)).contains(new Billing("acme", 42));
    assertThat(back.extension(RETRIEVAL)).contains(retrieval);
    assertThat(back.model()).contains("m");
  }

  @Test
  void anAbsentExtensionIsEmpty() {
    assertThat(ChatMetadata.empty().extension(RETRIEVAL)).isEmpty();
    assertThat(MessageMetadata.empty().extension(BILLING)).isEmpty();
  }

  @Test
  void withExtensionReplacesTheValueUnderTheSameName() {
    MessageMetadata metadata = MessageMetadata.empty()
        .withExtension(BILLING, new Billing("a", 1))
        .withExtension(BILLING, new Billing("b", 2));

    assertThat(metadata.extension(BILLING)).contains(new Billing("b", 2));
    assertThat(metadata.extensions()).hasSize(1);
  }

  @Test
  void fieldsTheRecordLacksAreIgnored() {
    ChatMetadata metadata = ChatMetadata.builder()
        .extensionJson("billing", "{\"account\":\"acme\",\"cents\":3,\"currency\":\"EUR\"}").build();

    assertThat(metadata.extension(BILLING)).contains(new Billing("acme", 3));
  }

  @Test
  void storedJsonThatNoLongerFitsIsRefusedNamingTheExtension() {
    for (String stale : List.of("{\"account\":\"acme\"}", "{\"account\":\"acme\",\"cents\":\"3\"}",
        "{\"account\":7,\"cents\":3}", "{\"account\":\"acme\",\"cents\":null}", "{\"account\":\"a\",\"cents\":1.5}",
        "[1]", "null")) {
      ChatMetadata metadata = ChatMetadata.builder().extensionJson("billing", stale).build();
      InvalidInputException e = refusal(() -> metadata.extension(BILLING));
      assertThat(e.field()).as(stale).isEqualTo("metadata.extensions.billing");
      assertThat(e.reason()).as(stale).startsWith("does not decode to Billing");
    }
  }

  @Test
  void aMismatchSaysWhereInsideTheValue() {
    ChatMetadata metadata = ChatMetadata.builder().extensionJson("retrieval", "{\"topK\":1,\"sources\":[],"
        + "\"threshold\":1,\"mode\":\"DENSE\",\"nested\":{\"note\":\"n\",\"weights\":{\"a\":\"x\"}}}").build();

    assertThat(refusal(() -> metadata.extension(RETRIEVAL)).reason()).contains("at nested.weights.a");
  }

  @Test
  void aBeanRoundTrips() {
    ExtensionCodec<Settings> codec = ExtensionCodec.json("settings", Settings.class);
    Settings light = new Settings();
    light.setTheme("light");

    ChatMetadata metadata = ChatMetadata.empty().withExtension(codec, light);

    assertThat(metadata.extensions()).containsEntry("settings", "{\"theme\":\"light\"}");
    assertThat(metadata.extension(codec).map(Settings::getTheme)).contains("light");
  }

  @Test
  void aValueJacksonCannotWriteIsRefused() {
    record Opaque(Object value) {}
    ExtensionCodec<Opaque> codec = ExtensionCodec.json("opaque", Opaque.class);

    InvalidInputException e = refusal(() -> codec.encode(new Opaque(new Object())));

    assertThat(e.field()).isEqualTo("metadata.extensions.opaque");
    assertThat(e.reason()).startsWith("cannot be written as JSON");
  }

  @Test
  void namesAndTypesAreChecked() {
    assertThat(refusal(() -> ExtensionCodec.json(" ", Billing.class)).field()).isEqualTo("name");
    assertThat(refusal(() -> ExtensionCodec.json("x", null)).field()).isEqualTo("type");
    assertThat(refusal(() -> ChatMetadata.empty().withExtension(BILLING, null)).field()).isEqualTo("value");
  }
}
