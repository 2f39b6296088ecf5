package dev.chatstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.InvalidInputException;
import dev.chatstore.MediaPart;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.TextPart;
import dev.chatstore.UnknownPart;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON shape of each part type, its round trip, and what reading refuses. */
class PartJsonTest {
  private static String json(Part part) {
    return Json.write(PartJson.part(part));
  }

  private static Part read(String json) {
    return PartJson.part(Json.parse(json, "x"), "parts[0]");
  }

  private static void refused(String json, String field) {
    assertThatThrownBy(() -> PartJson.parts(Json.parse(json, "x"), "body.parts"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void eachTypeHasItsShapeWithOptionalFieldsLeftOut() {
    assertThat(json(Part.text("hi"))).isEqualTo("{\"text\":\"hi\",\"type\":\"text\"}");
    assertThat(json(Part.reasoning("r"))).isEqualTo("{\"text\":\"r\",\"type\":\"reasoning\"}");
    assertThat(json(ReasoningPart.signed("r", "sig=="))).isEqualTo("{\"signature\":\"sig==\",\"text\":\"r\","
        + "\"type\":\"reasoning\"}");
    assertThat(json(ReasoningPart.encrypted("", "enc"))).isEqualTo("{\"encrypted\":\"enc\",\"text\":\"\","
        + "\"type\":\"reasoning\"}");
    assertThat(json(MediaPart.reference("image/png", "https://x/é.png"))).isEqualTo("{\"mimeType\":\"image/png\","
        + "\"type\":\"media\",\"uri\":\"https://x/é.png\"}");
    assertThat(json(MediaPart.inline("image/png", new byte[] {0, -1, 127}).withFileName("a.png")))
        .isEqualTo("{\"bytes\":\"AP9/\",\"fileName\":\"a.png\",\"mimeType\":\"image/png\",\"type\":\"media\"}");
    assertThat(json(new UnknownPart("citation", Map.of("url", "\"u\"", "n", "1"))))
        .isEqualTo("{\"n\":1,\"type\":\"citation\",\"url\":\"u\"}");
  }

  @Test
  void everyPartReadsBackEqual() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    List<Part> parts = List.of(
        Part.text("a \u0000 😀"),
        new ReasoningPart("t", Optional.of(" sig\n"), Optional.of("enc"), Map.of()),
        MediaPart.inline("application/octet-stream", all).withFileName("all.bin"),
        MediaPart.reference("image/png", "https://例え.jp/ü 😀.png?q=%20"),
        new UnknownPart("diagram", Map.of("spec", "{\"nodes\":[1,2.50]}")));

    assertThat(PartJson.parts(PartJson.parts(parts), "parts")).isEqualTo(parts);
    assertThat(PartJson.parts(Json.parse(Json.write(PartJson.parts(parts)), "x"), "parts")).isEqualTo(parts);
  }

  @Test
  void fieldsAndTypesOfANewerVersionAreKeptAndWrittenBack() {
    String newer = "{\"cache\":{\"ttl\":300},\"text\":\"hi\",\"type\":\"text\"}";
    Part text = read(newer);

    assertThat(text).isEqualTo(new TextPart("hi", Map.of("cache", "{\"ttl\":300}")));
    assertThat(json(text)).isEqualTo(newer);
    String unknown = "{\"items\":[1,\"two\",null],\"type\":\"checklist\",\"weight\":1.500}";
    assertThat(read(unknown)).isEqualTo(new UnknownPart("checklist", Map.of("items", "[1,\"two\",null]",
        "weight", "1.500")));
    assertThat(json(read(unknown))).isEqualTo(unknown);
    String media = "{\"detail\":\"high\",\"mimeType\":\"image/png\",\"type\":\"media\",\"uri\":\"u\"}";
    assertThat(read(media).unknownFields()).containsExactly(Map.entry("detail", "\"high\""));
    assertThat(json(read(media))).isEqualTo(media);
  }

  @Test
  void readingRefusesWhatNoPartCanHoldNamingTheFieldByIndex() {
    refused("{}", "body.parts");
    refused("[1]", "body.parts[0]");
    refused("[{\"text\":\"a\"}]", "body.parts[0].type");
    refused("[{\"type\":7}]", "body.parts[0].type");
    refused("[{\"type\":\" \"}]", "body.parts[0].type");
    refused("[{\"type\":\"text\"}]", "body.parts[0].text");
    refused("[{\"type\":\"text\",\"text\":\"ok\"},{\"type\":\"text\",\"text\":1}]", "body.parts[1].text");
    refused("[{\"type\":\"reasoning\",\"text\":\"t\",\"signature\":null}]", "body.parts[0].signature");
    refused("[{\"type\":\"media\",\"uri\":\"u\"}]", "body.parts[0].mimeType");
    refused("[{\"type\":\"media\",\"mimeType\":\" \",\"uri\":\"u\"}]", "body.parts[0].mimeType");
    refused("[{\"type\":\"media\",\"mimeType\":\"a/b\",\"bytes\":\"not base64!\"}]", "body.parts[0].bytes");
    refused("[{\"type\":\"media\",\"mimeType\":\"a/b\",\"uri\":\"u\",\"bytes\":\"AA==\"}]", "body.parts[0]");
    refused("[{\"type\":\"media\",\"mimeType\":\"a/b\"}]", "body.parts[0]");
  }
}
