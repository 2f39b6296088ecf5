package dev.chatstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.metadata.MessageMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building a message from parts: text set by content(), other parts kept in the order given. */
class NewMessageBuilderTest {
  private static final Part THOUGHT = Part.reasoning("thinking");
  private static final Part IMAGE = MediaPart.reference("image/png", "https://x/y.png");

  @Test
  void aV1TextMessageIsOneTextPartAndEmptyTextIsNone() {
    assertThat(NewMessage.user("hi").parts()).containsExactly(new TextPart("hi"));
    assertThat(NewMessage.user("hi").content()).isEqualTo("hi");
    assertThat(NewMessage.assistant("").parts()).isEmpty();
    assertThat(NewMessage.system("rules").parts()).containsExactly(new TextPart("rules"));
  }

  @Test
  void partsKeepTheirOrderAndContentJoinsTheTextOnes() {
    NewMessage m = NewMessage.builder(Role.ASSISTANT).part(THOUGHT).part(Part.text("Hello, ")).part(IMAGE)
        .part(Part.text("world")).build();

    assertThat(m.parts()).containsExactly(THOUGHT, Part.text("Hello, "), IMAGE, Part.text("world"));
    assertThat(m.content()).isEqualTo("Hello, world");
  }

  @Test
  void contentReplacesTheTextPartsWhereTheFirstWasAndKeepsTheOthers() {
    NewMessage m = NewMessage.builder(Role.ASSISTANT).part(THOUGHT).part(Part.text("a")).part(IMAGE)
        .part(Part.text("b")).content("replaced").build();

    assertThat(m.parts()).containsExactly(THOUGHT, Part.text("replaced"), IMAGE);
    assertThat(NewMessage.builder(Role.ASSISTANT).part(THOUGHT).content("answer").build().parts())
        .containsExactly(THOUGHT, Part.text("answer")); // reasoning before the answer, as called
    assertThat(NewMessage.builder(Role.USER).content("question").part(IMAGE).build().parts())
        .containsExactly(Part.text("question"), IMAGE);
    assertThat(NewMessage.builder(Role.USER).part(IMAGE).part(Part.text("a")).content("").build().parts())
        .containsExactly(IMAGE);
    assertThat(NewMessage.builder(Role.USER).content("x").content("y").build().parts()).containsExactly(Part.text("y"));
  }

  @Test
  void partsReplacesWhatWasSetAndTheBuilderKeepsNoHoldOnTheList() {
    List<Part> given = new ArrayList<>(List.of(Part.text("a"), IMAGE));
    NewMessage.Builder b = NewMessage.builder(Role.USER).content("gone").parts(given);
    given.add(THOUGHT);
    NewMessage first = b.build();
    b.part(THOUGHT);

    assertThat(first.parts()).containsExactly(Part.text("a"), IMAGE);
    assertThat(b.build().parts()).containsExactly(Part.text("a"), IMAGE, THOUGHT);
  }

  @Test
  void toBuilderCopiesEveryField() {
    NewMessage m = NewMessage.builder(Role.ASSISTANT).parts(List.of(THOUGHT, Part.text("t")))
        .toolCall(new ToolCall("c", "t", "{oops")).attributes("{\"b\":1,\"a\":2}").name("bot")
        .metadata(MessageMetadata.builder().model("m").build()).build();

    assertThat(m.toBuilder().build()).isEqualTo(m);
    assertThat(m.toBuilder().name("other").build().parts()).isEqualTo(m.parts());
  }

  @Test
  void attributesAreACanonicalJsonObjectAndNameIsOptional() {
    NewMessage m = NewMessage.builder(Role.USER).content("x").attributes("{ \"b\": [1.50], \"a\": null }").build();

    assertThat(m.attributesJson()).isEqualTo("{\"a\":null,\"b\":[1.50]}");
    assertThat(m.name()).isEmpty();
    assertThat(NewMessage.user("x").attributesJson()).isEqualTo(NewMessage.NO_ATTRIBUTES);
    assertThat(NewMessage.builder(Role.USER).name("n".repeat(NewMessage.MAX_NAME_LENGTH)).build().name())
        .contains("n".repeat(NewMessage.MAX_NAME_LENGTH));
    assertThatThrownBy(() -> NewMessage.builder(Role.USER).attributes("[]").build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("attributesJson"));
  }

  @Test
  void aToolMessageCarriesOneOrSeveralResultsAndNothingElseDoes() {
    ToolResult a = ToolResult.success("c1", "t", "{}");
    ToolResult b = ToolResult.text("c2", "t", "plain");

    assertThat(NewMessage.tool(a).toolResults()).containsExactly(a);
    assertThat(NewMessage.tool(List.of(b, a)).toolResults()).containsExactly(b, a);
    assertThat(NewMessage.builder(Role.TOOL).toolResult(a).toolResult(b).build().toolResults()).containsExactly(a, b);
    assertThatThrownBy(() -> NewMessage.tool(List.of()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("toolResults"));
    assertThatThrownBy(() -> NewMessage.builder(Role.USER).toolResult(a).build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("toolResults"));
  }

  @Test
  void unknownFieldsOfAPartAreKeptCanonical() {
    TextPart t = new TextPart("x", Map.of("later", "{ \"b\": 1, \"a\": 2 }"));

    assertThat(t.unknownFields()).containsExactly(Map.entry("later", "{\"a\":2,\"b\":1}"));
    assertThat(NewMessage.builder(Role.USER).part(t).build().parts()).containsExactly(t);
  }
}
