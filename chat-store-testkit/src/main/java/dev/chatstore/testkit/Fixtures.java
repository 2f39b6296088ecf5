package dev.chatstore.testkit;

import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.ExtensionCodec;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.metadata.ObjectRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Sample values the areas share: fully populated metadata, tool turns, nested JSON. */
public final class Fixtures {
  /** A host's own extension type, stored in metadata through {@link #RETRIEVAL}. */
  public record RetrievalSettings(String index, int topK, List<String> filters) {}

  /** The codec of {@link RetrievalSettings}, as a host would register it. */
  public static final ExtensionCodec<RetrievalSettings> RETRIEVAL =
      ExtensionCodec.json("retrieval", RetrievalSettings.class);

  private Fixtures() {}

  /** Chat metadata with every part set, an extension and a field from a newer version. */
  public static ChatMetadata fullChatMetadata() {
    return ChatMetadata.builder()
        .connectedProject("proj-1")
        .connectedProject("proj-2")
        .reference(new ObjectRef("file", "docs/readme.md"))
        .reference("ticket", "T-42")
        .context("temperature", "0.2")
        .context("system", "be brief")
        .build()
        .withExtension(RETRIEVAL, new RetrievalSettings("kb-main", 8, List.of("lang:en", "year>2020")))
        .toBuilder()
        .unknownFieldJson("addedInV7", "{\"nested\":[1,2,{\"k\":\"v\"}],\"flag\":true}")
        .build();
  }

  /** Message metadata with every part set, an extension and a field from a newer version. */
  public static MessageMetadata fullMessageMetadata() {
    return MessageMetadata.builder()
        .model("gpt-test-1")
        .usage(1234, 567)
        .finishReason("stop")
        .latency(Duration.ofMillis(1500))
        .routine("summarize")
        .routine("cite-sources")
        .toolCalled("search")
        .executionStateJson("search", "{\"cursor\":\"abc\",\"page\":2}")
        .extensionJson("trace", "{\"spanId\":\"00f067aa0ba902b7\"}")
        .unknownFieldJson("futureField", "{\"x\":[1,2.50,3]}")
        .build();
  }

  /** A JSON array nested {@code depth} levels deep. */
  public static String nestedJson(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  /** An assistant message requesting the given calls. */
  public static NewMessage assistantCalling(ToolCall... calls) {
    return NewMessage.builder(Role.ASSISTANT).content("calling tools").toolCalls(List.of(calls)).build();
  }

  /** A call of tool {@code name} with small arguments. */
  public static ToolCall call(String id, String name) {
    return new ToolCall(id, name, "{\"q\":\"" + id + "\"}");
  }

  /** A TOOL message answering {@code callId}. */
  public static NewMessage toolAnswer(String callId, String name) {
    return NewMessage.tool(ToolResult.success(callId, name, "{\"answer\":\"" + callId + "\"}"));
  }

  /** {@code count} USER messages "m1".."mN", not yet appended. */
  public static List<NewMessage> users(int count) {
    List<NewMessage> messages = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      messages.add(NewMessage.user("m" + i));
    }
    return messages;
  }
}
