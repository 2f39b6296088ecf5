package dev.chatstore.examples.above;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Page;
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

/** A session using every part of the model, and what of it an export carries, for comparisons. */
final class SampleChat {
  private SampleChat() {}

  static ChatSession create(SessionStore store, int extraMessages) {
    ChatMetadata chatMeta = ChatMetadata.builder().connectedProject("proj-1").reference("ticket", "T-42")
        .context("temperature", "0.2").extensionJson("retrieval", "{\"index\":\"kb\",\"topK\":8}")
        .unknownFieldJson("addedLater", "{\"nested\":[1,2.50,{\"k\":\"v\"}]}").build();
    ChatSession s = store.createSession(NewSession.forOwner("owner-1").project("project-x")
        .title("Weather 🌦 & tools").metadata(chatMeta).state("{\"step\":3,\"price\":1.50,\"deep\":{\"a\":[null,true]}}")
        .build());
    MessageMetadata usage = MessageMetadata.builder().model("gpt-test").usage(120, 45).finishReason("tool_calls")
        .latency(Duration.ofMillis(1234)).routine("plan").toolCalled("weather")
        .executionStateJson("weather", "{\"cursor\":\"abc\"}").extensionJson("trace", "{\"span\":\"00f0\"}")
        .unknownFieldJson("future", "{\"x\":[1,2]}").build();
    store.appendAll(s.id(), List.of(
        NewMessage.builder(Role.SYSTEM).content("You are helpful.").createdAt(Instant.parse("2026-01-02T03:04:05.123456Z"))
            .build(),
        NewMessage.user("Weather in Zürich? 🇨🇭 \"quoted\"\n\tand NUL\u0000here; '; DROP TABLE messages; --"),
        NewMessage.builder(Role.ASSISTANT).content("Checking.")
            .toolCall(new ToolCall("call_1", "weather", "{\"city\":\"Zürich\",\"units\":\"metric\"}"))
            .toolCall(new ToolCall("call_2", "clock", "{}")).metadata(usage).build(),
        NewMessage.tool(ToolResult.success("call_1", "weather", "{\"temp\":-3.5,\"sky\":\"snow\"}")),
        NewMessage.tool(ToolResult.failure("call_2", "clock", "{\"error\":\"timeout\"}")),
        NewMessage.builder(Role.ASSISTANT).content("It is -3.5 °C").status(MessageStatus.INTERRUPTED).build()));
    try (MessageStream stream = store.openStream(s.id(), StreamOptions.assistant())) {
      stream.append("partial");
      stream.fail("upstream timed out");
    }
    List<NewMessage> more = new ArrayList<>();
    for (int i = 0; i < extraMessages; i++) {
      more.add(i % 2 == 0 ? NewMessage.user("question " + i + " 日本語 👨‍👩‍👧") : NewMessage.assistant("answer " + i));
    }
    if (!more.isEmpty()) {
      store.appendAll(s.id(), more);
    }
    return store.getSession(s.id());
  }

  static List<Message> messages(SessionStore store, String sessionId) {
    List<Message> all = new ArrayList<>();
    Page<Message> page = store.messages(sessionId, MessageQuery.earliest(500));
    all.addAll(page.items());
    while (page.nextCursor().isPresent()) {
      page = store.messages(sessionId, MessageQuery.from(page.nextCursor().get(), 500));
      all.addAll(page.items());
    }
    return all;
  }

  /** What an import restores of a message: everything but the store's bookkeeping. */
  record Content(String id, long seq, Role role, String content, MessageStatus status, List<ToolCall> toolCalls,
      Optional<ToolResult> toolResult, MessageMetadata metadata, Instant createdAt) {
    static Content of(Message m) {
      return new Content(m.id(), m.seq(), m.role(), m.content(), m.status(), m.toolCalls(), m.toolResult(),
          m.metadata(), m.createdAt());
    }
  }

  static List<Content> contents(SessionStore store, String sessionId) {
    return messages(store, sessionId).stream().map(Content::of).toList();
  }
}
