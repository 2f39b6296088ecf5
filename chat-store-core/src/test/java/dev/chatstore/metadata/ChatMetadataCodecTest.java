package dev.chatstore.metadata;

import static dev.chatstore.metadata.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatMetadataCodecTest {
  private final ChatMetadataCodec codec = ChatMetadataCodec.standard();

  @Test
  void emptyMetadataEncodesAsItsVersionAlone() {
    assertThat(codec.encode(ChatMetadata.empty())).isEqualTo("{\"schemaVersion\":1}");
    assertThat(codec.decode("{\"schemaVersion\":1}")).isEqualTo(ChatMetadata.empty());
  }

  @Test
  void fullMetadataRoundTripsAsCanonicalJson() {
    ChatMetadata full = ChatMetadata.builder()
        .connectedProject("p-2").connectedProject("p-1")
        .reference("ticket", "T-7").reference("file", "a/b.txt")
        .context("temperature", "0.2").context("lang", "fr")
        .extensionJson("retrieval", "{\"k\": 5, \"sources\": [\"wiki\"]}")
        .unknownFieldJson("futureField", "{\"x\": [1, 2.50]}")
        .build();

    String json = codec.encode(full);

    assertThat(json).isEqualTo("{\"connectedProjects\":[\"p-2\",\"p-1\"],\"context\":{\"lang\":\"fr\","
        + "\"temperature\":\"0.2\"},\"extensions\":{\"retrieval\":{\"k\":5,\"sources\":[\"wiki\"]}},"
        + "\"futureField\":{\"x\":[1,2.50]},\"references\":[{\"id\":\"T-7\",\"type\":\"ticket\"},"
        + "{\"id\":\"a/b.txt\",\"type\":\"file\"}],\"schemaVersion\":1}");
    ChatMetadata decoded = codec.decode(json);
    assertThat(decoded).isEqualTo(full);
    assertThat(decoded.connectedProjects()).containsExactly("p-2", "p-1");
    assertThat(decoded.references()).containsExactly(new ObjectRef("ticket", "T-7"), new ObjectRef("file", "a/b.txt"));
    assertThat(codec.encode(decoded)).isEqualTo(json);
  }

  @Test
  void absentNullAndEmptyFieldsAllReadAsEmpty() {
    String present = "{\"schemaVersion\":1,\"connectedProjects\":[],\"references\":[],\"context\":{},"
        + "\"extensions\":{}}";
    String nulls = "{\"schemaVersion\":1,\"connectedProjects\":null,\"references\":null,\"context\":null,"
        + "\"extensions\":null}";

    assertThat(codec.decode(present)).isEqualTo(ChatMetadata.empty());
    assertThat(codec.decode(nulls)).isEqualTo(ChatMetadata.empty());
    assertThat(codec.encode(codec.decode(present))).isEqualTo("{\"schemaVersion\":1}");
  }

  @Test
  void textIsKeptExactly() {
    String odd = "emoji \uD83D\uDE00 nul \u0000 quote \" backslash \\ newline \n \u2028";
    ChatMetadata metadata = ChatMetadata.builder()
        .connectedProject(odd).reference("type " + odd, odd).context(odd, odd)
        .extensionJson("e", "{\"s\": \"" + "\\u0000\\uD83D\\uDE00" + "\"}")
        .build();

    ChatMetadata back = codec.decode(codec.encode(metadata));

    assertThat(back).isEqualTo(metadata);
    assertThat(back.context()).containsEntry(odd, odd);
    assertThat(back.extensions().get("e")).isEqualTo("{\"s\":\"\\u0000\uD83D\uDE00\"}");
  }

  @Test
  void unknownFieldsSurviveARoundTripUnchanged() {
    String json = "{\"schemaVersion\":1,\"zeta\":{\"nested\":{\"deeper\":[1,{\"b\":2,\"a\":null}]}},"
        + "\"alpha\":[\"\\u0000\",\"\uD83D\uDE00\",true,false,null,-0.5,12345678901234567890123456789],"
        + "\"str\":\"nul \\u0000 and \uD83D\uDCA9\",\"nothing\":null,\"num\":1.10}";

    ChatMetadata metadata = codec.decode(json);

    assertThat(metadata.unknownFields()).containsOnlyKeys("zeta", "alpha", "str", "nothing", "num");
    assertThat(metadata.unknownFields()).containsEntry("zeta", "{\"nested\":{\"deeper\":[1,{\"a\":null,\"b\":2}]}}")
        .containsEntry("nothing", "null")
        .containsEntry("num", "1.10")
        .containsEntry("str", "\"nul \\u0000 and \uD83D\uDCA9\"");
    String canonical = codec.encode(metadata);
    assertThat(canonical).isEqualTo("{\"alpha\":[\"\\u0000\",\"\uD83D\uDE00\",true,false,null,-0.5,"
        + "12345678901234567890123456789],\"nothing\":null,\"num\":1.10,\"schemaVersion\":1,"
        + "\"str\":\"nul \\u0000 and \uD83D\uDCA9\",\"zeta\":{\"nested\":{\"deeper\":[1,{\"a\":null,\"b\":2}]}}}");
    assertThat(codec.encode(codec.decode(canonical))).isEqualTo(canonical);
  }

  @Test
  void decodeThenEncodeGivesTheCanonicalFormOfAnyLayout() {
    String spaced = "{ \"references\" : [ { \"type\":\"t\", \"id\":\"1\" } ],\n \"schemaVersion\" : 1 }";

    assertThat(codec.encode(codec.decode(spaced)))
        .isEqualTo("{\"references\":[{\"id\":\"1\",\"type\":\"t\"}],\"schemaVersion\":1}");
  }

  @Test
  void aNewerVersionDecodesKeepingItsVersionAndFields() {
    String newer = "{\"schemaVersion\":7,\"connectedProjects\":[\"p\"],\"summary\":{\"text\":\"hi\"},"
        + "\"tags\":[\"a\"]}";

    ChatMetadata metadata = codec.decode(newer);

    assertThat(metadata.schemaVersion()).isEqualTo(7);
    assertThat(metadata.connectedProjects()).containsExactly("p");
    assertThat(metadata.unknownFields()).containsOnlyKeys("summary", "tags");
    String changed = codec.encode(metadata.toBuilder().connectedProject("q").build());
    assertThat(changed).isEqualTo("{\"connectedProjects\":[\"p\",\"q\"],\"schemaVersion\":7,"
        + "\"summary\":{\"text\":\"hi\"},\"tags\":[\"a\"]}");
  }

  @Test
  void malformedJsonIsRefusedAsTheMetadataField() {
    for (String bad : List.of("{", "{\"schemaVersion\":1,}", "{\"schemaVersion\":1} trailing", "", "   ",
        "{'schemaVersion':1}", "{\"schemaVersion\":1,\"a\":1,\"a\":2}")) {
      InvalidInputException e = refusal(() -> codec.decode(bad));
      assertThat(e.field()).as(bad).isEqualTo("metadata");
    }
  }

  @Test
  void aDocumentMustBeAnObject() {
    for (String notObject : List.of("[]", "1", "\"text\"", "null", "true")) {
      InvalidInputException e = refusal(() -> codec.decode(notObject));
      assertThat(e.field()).isEqualTo("metadata");
      assertThat(e.reason()).startsWith("must be a JSON object");
    }
  }

  @Test
  void schemaVersionIsRequired() {
    for (String missing : List.of("{}", "{\"schemaVersion\":null}", "{\"connectedProjects\":[\"p\"]}")) {
      InvalidInputException e = refusal(() -> codec.decode(missing));
      assertThat(e.field()).isEqualTo("metadata.schemaVersion");
      assertThat(e.reason()).isEqualTo("required");
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"1\"         | must be a whole number, was a string",
      "1.5           | must be a whole number, was the number 1.5",
      "1.0           | must be a whole number, was the number 1.0",
      "0             | must be at least 1, was 0",
      "-3            | must be at least 1, was -3",
      "2147483648    | must be at most 2147483647, was 2147483648",
      "[1]           | must be a whole number, was an array",
  })
  void schemaVersionMustBeAPositiveInt(String value, String reason) {
    InvalidInputException e = refusal(() -> codec.decode("{\"schemaVersion\":" + value + "}"));
    assertThat(e.field()).isEqualTo("metadata.schemaVersion");
    assertThat(e.reason()).isEqualTo(reason);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"connectedProjects\":\"p\"                 | metadata.connectedProjects     | must be an array, was a string",
      "\"connectedProjects\":[\"p\",3]             | metadata.connectedProjects[1]  | must be a string, was the number 3",
      "\"connectedProjects\":[null]                | metadata.connectedProjects[0]  | must be a string, was null",
      "\"references\":{}                          | metadata.references            | must be an array, was an object",
      "\"references\":[\"t\"]                      | metadata.references[0]         | must be an object, was a string",
      "\"references\":[{\"type\":\"t\",\"id\":1}]  | metadata.references[0].id      | must be a string, was the number 1",
      "\"references\":[{\"type\":\"t\",\"id\":\"1\"},{\"id\":\"2\"}] | metadata.references[1].type | required",
      "\"references\":[{\"type\":\"t\"}]           | metadata.references[0].id      | required",
      "\"references\":[{\"type\":\"t\",\"id\":\" \"}] | metadata.references[0].id   | must not be blank",
      "\"context\":[]                             | metadata.context               | must be an object, was an array",
      "\"context\":{\"k\":1}                       | metadata.context.k             | must be a string, was the number 1",
      "\"context\":{\"a.b\":true}                  | metadata.context[\"a.b\"]       | must be a string, was true",
      "\"extensions\":\"x\"                        | metadata.extensions            | must be an object, was a string",
  })
  void wrongTypesAreRefusedNamingTheField(String field, String path, String reason) {
    InvalidInputException e = refusal(() -> codec.decode("{\"schemaVersion\":1," + field + "}"));
    assertThat(e.field()).isEqualTo(path);
    assertThat(e.reason()).isEqualTo(reason);
  }

  @Test
  void fieldsAddedInsideAReferenceAreReadPast() {
    ChatMetadata metadata = codec.decode(
        "{\"schemaVersion\":2,\"references\":[{\"type\":\"t\",\"id\":\"1\",\"label\":\"x\"}]}");

    assertThat(metadata.references()).containsExactly(new ObjectRef("t", "1"));
  }

  @Test
  void anUnknownFieldMayNotTakeAKnownName() {
    ChatMetadata clash = ChatMetadata.builder().unknownFieldJson("context", "{}").build();

    InvalidInputException e = refusal(() -> codec.encode(clash));

    assertThat(e.field()).isEqualTo("metadata.unknownFields.context");
  }

  @Test
  void nullsAreRefused() {
    assertThat(refusal(() -> codec.encode(null)).field()).isEqualTo("metadata");
    assertThat(refusal(() -> codec.decode(null)).field()).isEqualTo("metadata");
  }

  @Test
  void builderNamesTheReferenceItRefuses() {
    InvalidInputException e = refusal(() -> ChatMetadata.builder().reference("t", "1").reference("t", ""));

    assertThat(e.field()).isEqualTo("metadata.references[1].id");
  }

  @Test
  void contextKeepsEveryEntry() {
    ChatMetadata metadata = new ChatMetadata(1, List.of(), List.of(), Map.of("b", "2", "a", "1"), Map.of(),
        Map.of());

    assertThat(codec.encode(metadata)).isEqualTo("{\"context\":{\"a\":\"1\",\"b\":\"2\"},\"schemaVersion\":1}");
    assertThat(codec.decode(codec.encode(metadata))).isEqualTo(metadata);
  }
}
