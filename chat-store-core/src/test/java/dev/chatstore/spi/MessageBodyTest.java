package dev.chatstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.InvalidInputException;
import dev.chatstore.MediaPart;
import dev.chatstore.NewMessage;
import dev.chatstore.Part;
import dev.chatstore.Role;
import dev.chatstore.TextPart;
import dev.chatstore.UnknownPart;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one JSON a backend stores beside a message's content: none for plain text, defaults left out. */
class MessageBodyTest {
  private static MessageBody body(NewMessage.Builder message) {
    return MessageBody.of(message.build());
  }

  private static MessageBody reread(MessageBody body) {
    return MessageBody.read(body.content(), body.json(), "body");
  }

  @Test
  void aPlainTextMessageNeedsNoBody() {
    for (NewMessage plain : List.of(NewMessage.user("hello"), NewMessage.assistant(""),
        NewMessage.builder(Role.USER).parts(List.of(Part.text("one part"))).build())) {
      MessageBody body = MessageBody.of(plain);
      assertThat(body.isPlain()).as(plain.content()).isTrue();
      assertThat(body.json()).as(plain.content()).isEmpty();
      assertThat(body.content()).isEqualTo(plain.content());
      assertThat(reread(body)).isEqualTo(body);
    }
    assertThat(MessageBody.read("stored", Optional.empty(), "body")).isEqualTo(MessageBody.plain("stored"));
    assertThat(MessageBody.plain("").parts()).isEmpty();
  }

  @Test
  void theBodyHoldsOnlyWhatDiffersFromTheDefaults() {
    assertThat(body(NewMessage.builder(Role.USER).content("x").name("Ann")).json()).contains("{\"name\":\"Ann\"}");
    assertThat(body(NewMessage.builder(Role.USER).content("x").attributes("{ \"b\": 1, \"a\": [2.50] }")).json())
        .contains("{\"attributes\":{\"a\":[2.50],\"b\":1}}");
    assertThat(body(NewMessage.builder(Role.USER).part(Part.reasoning("r")).part(Part.text("t"))).json())
        .contains("{\"parts\":[{\"text\":\"r\",\"type\":\"reasoning\"},{\"text\":\"t\",\"type\":\"text\"}]}");
    assertThat(body(NewMessage.builder(Role.USER).part(Part.text("x")).attributes("{}")).json()).isEmpty();
  }

  @Test
  void partsThatAreNotExactlyTheContentAsOneTextPartAreWritten() {
    List<List<Part>> notPlain = List.of(
        List.of(Part.text("a"), Part.text("b")),
        List.of(Part.text("")),
        List.of(new TextPart("x", Map.of("cache", "true"))),
        List.of(MediaPart.reference("image/png", "https://x/y.png")));
    for (List<Part> parts : notPlain) {
      MessageBody body = new MessageBody(parts, NewMessage.NO_ATTRIBUTES, Optional.empty());
      assertThat(body.isPlain()).as("%s", parts).isFalse();
      assertThat(body.json()).as("%s", parts).isPresent();
      assertThat(reread(body).parts()).isEqualTo(parts);
    }
  }

  @Test
  void everythingReadsBackEqual() {
    MessageBody body = body(NewMessage.builder(Role.ASSISTANT)
        .part(Part.text("Hello "))
        .part(MediaPart.inline("image/png", new byte[] {1, 2, 3}).withFileName("a.png"))
        .part(new UnknownPart("later", Map.of("x", "[1]")))
        .part(Part.text("world"))
        .attributes("{\"n\":123456789012345678901234567890.000100,\"deep\":{\"a\":[null]}}")
        .name("bot 🤖"));

    assertThat(body.content()).isEqualTo("Hello world");
    assertThat(reread(body)).isEqualTo(body);
    assertThat(MessageBody.read(body.content(), Json.parse(body.json().orElseThrow(), "x"), "body")).isEqualTo(body);
  }

  @Test
  void aBodyWithoutPartsTakesTheStoredContentAsItsOneTextPart() {
    MessageBody read = MessageBody.read("stored text", Optional.of("{\"name\":\"Ann\"}"), "body");

    assertThat(read.parts()).containsExactly(new TextPart("stored text"));
    assertThat(read.name()).contains("Ann");
    assertThat(read.attributesJson()).isEqualTo(NewMessage.NO_ATTRIBUTES);
  }

  @Test
  void unknownFieldsInsidePartsSurviveAndABodyFieldOfANewerVersionDoesNotStopTheRead() {
    String json = "{\"parts\":[{\"text\":\"t\",\"tone\":\"dry\",\"type\":\"text\"},{\"type\":\"poll\",\"q\":\"?\"}],"
        + "\"revision\":3}";

    MessageBody read = MessageBody.read("t", Optional.of(json), "body");

    assertThat(read.parts()).containsExactly(new TextPart("t", Map.of("tone", "\"dry\"")),
        new UnknownPart("poll", Map.of("q", "\"?\"")));
    assertThat(read.json()).contains("{\"parts\":[{\"text\":\"t\",\"tone\":\"dry\",\"type\":\"text\"},"
        + "{\"q\":\"?\",\"type\":\"poll\"}]}");
  }

  @Test
  void aBodyNoMessageCouldHaveIsRefusedNamingTheField() {
    assertThatThrownBy(() -> MessageBody.read("c", Optional.of("[]"), "row 7"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("row 7"));
    assertThatThrownBy(() -> MessageBody.read("c", Optional.of("{\"attributes\":[1]}"), "row 7"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("row 7.attributes"));
    assertThatThrownBy(() -> MessageBody.read("c", Optional.of("{\"name\":1}"), "row 7"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("row 7.name"));
    assertThatThrownBy(() -> MessageBody.read("c", Optional.of("{\"parts\":{}}"), "row 7"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("row 7.parts"));
    assertThatThrownBy(() -> MessageBody.read("c", Optional.of("{\"parts\":[{\"type\":\"text\"}]}"), "row 7"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("row 7.parts[0].text"));
  }
}
