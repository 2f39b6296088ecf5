package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.InlineBytes;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StreamOptions;
import dev.chatstore.TextPart;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.UnknownPart;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.MessageMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Malformed JSON and ill-formed messages cannot even be built: the value types refuse them with
 * InvalidInputException naming the field, so no store ever receives them. Checked here because the
 * contract promises it to every host, whatever the backend.
 */
public abstract class MalformedInputContract extends ContractArea {

  protected MalformedInputContract(SessionStoreContract contract) {
    super(contract);
  }

  private static List<String> malformedJson() {
    return List.of(
        "{",
        "{\"a\":}",
        "not json",
        "{'single':'quotes'}",
        "{\"a\":1,\"a\":2}",
        "{} {}",
        "[1,2,]",
        "{\"a\":NaN}",
        "",
        "   ",
        "{\"raw\":\"unescaped \u0000 control\"}");
  }

  @Test
  void malformedJsonIsRefusedWhereverJsonGoes() {
    forEachInput(malformedJson(), bad -> {
      assertInvalid(() -> ToolResult.success("c1", "search", bad), "toolResult.output");
      assertInvalid(() -> NewSession.forOwner(OWNER).state(bad), "stateJson");
      assertInvalid(() -> SessionUpdate.state(bad), "stateJson");
      assertInvalid(() -> ChatMetadata.builder().extensionJson("ext", bad), "metadata.extensions.ext");
      assertInvalid(() -> MessageMetadata.builder().extensionJson("ext", bad), "metadata.extensions.ext");
      assertInvalid(() -> MessageMetadata.builder().executionStateJson("run", bad), "metadata.executionState.run");
      assertInvalid(() -> ChatMetadata.builder().unknownFieldJson("later", bad).build(), "metadata.unknownFields.later");
    });
  }

  @Test
  void malformedToolArgumentsAreKeptExactlyFlaggedAndNeverFailTheWrite() {
    ChatSession s = store().createSession(NewSession.forOwner(OWNER).build());
    forEachInput(malformedJson(), bad -> {
      ToolCall call = new ToolCall("c1", "search", bad);
      assertThat(call.malformed()).isTrue();
      Message stored = store().append(s.id(), Fixtures.assistantCalling(call));
      assertThat(store().getMessage(s.id(), stored.id()).toolCalls()).containsExactly(call);
      assertThat(store().getMessage(s.id(), stored.id()).toolCalls().get(0).argumentsJson()).isEqualTo(bad);
    });
  }

  @Test
  void nullJsonIsRefusedNamingTheField() {
    assertInvalid(() -> new ToolCall("c1", "search", null), "toolCall.argumentsJson");
    assertInvalid(() -> new ToolResult("c1", "search", null, false), "toolResult.output");
    assertInvalid(() -> NewSession.forOwner(OWNER).state(null), "stateJson");
  }

  @Test
  void toolCallsAndResultsNeedAnIdAndAName() {
    assertInvalid(() -> new ToolCall(" ", "search", "{}"), "toolCall.id");
    assertInvalid(() -> new ToolCall("c1", "", "{}"), "toolCall.toolName");
    assertInvalid(() -> ToolResult.success("", "search", "{}"), "toolResult.callId");
    assertInvalid(() -> ToolResult.failure("c1", " ", "{}"), "toolResult.toolName");
  }

  @Test
  void messagesOfTheWrongShapeCannotBeBuilt() {
    ToolCall call = Fixtures.call("c1", "t");
    ToolResult result = ToolResult.success("c1", "t", "{}");
    assertInvalid(() -> NewMessage.builder(Role.USER).toolCall(call).build(), "toolCalls");
    assertInvalid(() -> NewMessage.builder(Role.TOOL).content("no result").build(), "toolResults");
    assertInvalid(() -> NewMessage.builder(Role.ASSISTANT).toolResult(result).build(), "toolResults");
    assertInvalid(() -> NewMessage.builder(Role.USER).status(MessageStatus.PENDING).build(), "status");
    assertInvalid(() -> NewMessage.builder(Role.USER).status(MessageStatus.STREAMING).build(), "status");
    assertInvalid(() -> StreamOptions.of(Role.TOOL), "role");
    assertInvalid(() -> MessageUpdate.status(MessageStatus.STREAMING), "status");
    assertInvalid(() -> new SessionUpdate(java.util.Optional.empty(), java.util.Optional.empty(),
        java.util.Optional.empty()), "update");
  }

  @Test
  void illFormedPartsAttributesAndNamesCannotBeBuilt() {
    Optional<String> uri = Optional.of("https://x/y.png");
    Optional<InlineBytes> bytes = Optional.of(InlineBytes.of(new byte[] {1}));
    assertInvalid(() -> new MediaPart("image/png", uri, bytes, Optional.empty(), Map.of()), "part");
    assertInvalid(() -> new MediaPart("image/png", Optional.empty(), Optional.empty(), Optional.empty(), Map.of()),
        "part");
    assertInvalid(() -> MediaPart.reference(" ", "https://x/y.png"), "part.mimeType");
    assertInvalid(() -> MediaPart.reference("image/png", ""), "part.uri");
    assertInvalid(() -> InlineBytes.fromBase64("not base64!"), "part.bytes");
    assertInvalid(() -> new UnknownPart("text", Map.of()), "part.type");
    assertInvalid(() -> new UnknownPart(" ", Map.of()), "part.type");
    assertInvalid(() -> new TextPart("t", Map.of("text", "\"twice\"")), "part.unknownFields");
    assertInvalid(() -> new UnknownPart("later", Map.of("type", "1")), "part.unknownFields");
    assertInvalid(() -> new TextPart("t", Map.of("later", "{")), "part.unknownFields.later");
    forEachInput(List.of("[1]", "\"text\"", "1", "null", "{"), bad ->
        assertInvalid(() -> NewMessage.builder(Role.USER).attributes(bad).build(), "attributesJson"));
    forEachInput(List.of("", "  ", "n".repeat(NewMessage.MAX_NAME_LENGTH + 1), "lone \uD83D"), bad ->
        assertInvalid(() -> NewMessage.builder(Role.USER).name(bad).build(), "name"));
  }

  @Test
  void canonicalJsonIsWhatTheStoreKeeps() {
    ChatSession s = store().createSession(NewSession.forOwner(OWNER)
        .state("{ \"b\": [1, 2.50, 1e2], \"a\": {\"z\": null, \"y\": \"\\u00e9\"} }").build());
    assertThat(s.stateJson()).isEqualTo("{\"a\":{\"y\":\"é\",\"z\":null},\"b\":[1,2.50,100]}");
    assertThat(store().getSession(s.id()).stateJson()).isEqualTo(s.stateJson());
    assertThat(new ToolCall("c", "t", "{\"b\":1,\"a\":2}").argumentsJson()).isEqualTo("{\"a\":2,\"b\":1}");
  }
}
