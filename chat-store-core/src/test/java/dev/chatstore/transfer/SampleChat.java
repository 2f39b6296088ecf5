package dev.chatstore.transfer;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Page;
import dev.chatstore.Part;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A session using every part of the model, and a way to compare two sessions' exportable content. */
final class SampleChat {
  static final String OWNER = "owner-1";

  private SampleChat() {}

  static ChatSession create(SessionStore store) {
    ChatMetadata chatMeta = ChatMetadata.builder().connectedProject("proj-1").reference("ticket", "T-42")
        .context("temperature", "0.2").extensionJson("retrieval", "{\"index\":\"kb\",\"topK\":8}")
        .unknownFieldJson("addedLater", "{\"nested\":[1,2.50,{\"k\":\"v\"}]}").build();
    ChatSession s = store.createSession(NewSession.forOwner(OWNER).project("project-x").title("Weather 🌦 & tools")
        .metadata(chatMeta).state("{\"step\":3,\"notes\":[\"a\",\"b\"],\"price\":1.50}").build());
    MessageMetadata usage = MessageMetadata.builder().model("gpt-test").usage(120, 45).finishReason("tool_calls")
        .latency(Duration.ofMillis(1234)).routine("plan").toolCalled("weather")
        .executionStateJson("weather", "{\"cursor\":\"abc\"}").extensionJson("trace", "{\"span\":\"00f0\"}")
        .unknownFieldJson("future", "{\"x\":[1,2]}").build();
    store.appendAll(s.id(), List.of(
        NewMessage.builder(Role.SYSTEM).content("You are a helpful assistant.")
            .createdAt(Instant.parse("2026-01-02T03:04:05.123456Z")).build(),
        NewMessage.user("What's the weather in Zürich? 🇨🇭 He said \"hi\"\n\tand `ls` ``` fence\u0000nul"),
        NewMessage.builder(Role.ASSISTANT).content("Let me check.")
            .toolCall(new ToolCall("call_1", "weather", "{\"city\":\"Zürich\",\"units\":\"metric\"}"))
            .toolCall(new ToolCall("call_2", "clock", "{}")).metadata(usage).build(),
        NewMessage.tool(ToolResult.success("call_1", "weather", "{\"temp\":-3.5,\"sky\":\"snow\"}")),
        NewMessage.tool(ToolResult.failure("call_2", "clock", "{\"error\":\"timeout\"}")),
        NewMessage.builder(Role.ASSISTANT).content("It is -3.5 °C and snowing; '; DROP TABLE messages; --")
            .status(MessageStatus.INTERRUPTED).build()));
    try (MessageStream stream = store.openStream(s.id(), StreamOptions.assistant())) {
      stream.append("partial answer");
      stream.fail("upstream timed out");
    }
    store.append(s.id(), NewMessage.user("日本語もOK? 👨‍👩‍👧"));
    return store.getSession(s.id());
  }

  static List<Message> messages(SessionStore store, String sessionId) {
    List<Message> all = new ArrayList<>();
    Page<Message> page = store.messages(sessionId, MessageQuery.earliest(1000));
    all.addAll(page.items());
    while (page.nextCursor().isPresent()) {
      page = store.messages(sessionId, MessageQuery.from(page.nextCursor().get(), 1000));
      all.addAll(page.items());
    }
    return all;
  }

  /** What an import restores of a message: everything but the store's bookkeeping (session id, updatedAt). */
  record Content(String id, long seq, Role role, List<Part> parts, MessageStatus status, List<ToolCall> toolCalls,
      List<ToolResult> toolResults, MessageMetadata metadata, String attributesJson, Optional<String> name,
      Instant createdAt) {
    static Content of(Message m) {
      return new Content(m.id(), m.seq(), m.role(), m.parts(), m.status(), m.toolCalls(), m.toolResults(),
          m.metadata(), m.attributesJson(), m.name(), m.createdAt());
    }

    Content withoutId() {
      return new Content("", seq, role, parts, status, toolCalls, toolResults, metadata, attributesJson, name,
          createdAt);
    }
  }

  static List<Content> contents(SessionStore store, String sessionId) {
    return messages(store, sessionId).stream().map(Content::of).toList();
  }
}
