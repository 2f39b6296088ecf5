package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.MessageMetadata;
import org.junit.jupiter.api.Test;

/**
 * Text comes back exactly as written wherever it is stored: non-BMP characters, NUL, text that looks
 * like SQL or JSON, and several MB of content.
 */
public abstract class TextFidelityContract extends ContractArea {
  /** Big enough to cross any page or buffer size a backend might have, small enough to stay fast. */
  private static final int LARGE = 3 * 1024 * 1024;

  protected TextFidelityContract(SessionStoreContract contract) {
    super(contract);
  }

  /** {@code text} as a JSON string literal, escaped the way any JSON writer would. */
  private static String jsonString(String text) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  @Test
  void contentTitleAndMessagesRoundTripExactly() {
    forEachInput(HostileText.tricky(), this::contentTitleAndMessagesRoundTripExactly);
  }

  private void contentTitleAndMessagesRoundTripExactly(String text) {
    ChatSession s = store().createSession(NewSession.forOwner(OWNER).title(text).build());
    Message appended = store().append(s.id(), NewMessage.user(text));
    Message streamed;
    try (MessageStream stream = store().openStream(s.id(), Role.ASSISTANT)) {
      int half = text.length() / 2;
      if (Character.isHighSurrogate(text.charAt(half - 1))) {
        half++; // chunks hold whole characters, as a decoded model stream does
      }
      stream.append(text.substring(0, half));
      stream.flush();
      stream.append(text.substring(half));
      streamed = stream.complete();
    }

    assertThat(store().getSession(s.id()).title()).isEqualTo(text);
    assertThat(store().getMessage(s.id(), appended.id()).content()).isEqualTo(text);
    assertThat(streamed.content()).isEqualTo(text);
    assertThat(contents(allMessages(s.id()))).containsExactly(text, text);
    ChatSession renamed = store().updateSession(s.id(), 1, SessionUpdate.title(text + "!"));
    assertThat(store().getSession(s.id())).isEqualTo(renamed);
    assertThat(renamed.title()).isEqualTo(text + "!");
  }

  @Test
  void textInsideJsonRoundTripsExactly() {
    forEachInput(HostileText.tricky(), this::textInsideJsonRoundTripsExactly);
  }

  private void textInsideJsonRoundTripsExactly(String text) {
    String json = "{\"text\":" + jsonString(text) + ",\"list\":[" + jsonString(text) + "]}";
    ChatMetadata chatMetadata = ChatMetadata.builder().context("k", text).reference("doc", text)
        .connectedProject(text.isBlank() ? "p" : text).extensionJson("e", json).build();
    MessageMetadata messageMetadata = MessageMetadata.builder().model(text.isBlank() ? "m" : text)
        .routine(text.isBlank() ? "r" : text).executionStateJson("s", json).error(text).build();
    ToolCall call = new ToolCall("call-1", "tool", json);
    ToolResult result = ToolResult.success("call-1", "tool", json);

    ChatSession s = store().createSession(NewSession.forOwner(OWNER).state(json).metadata(chatMetadata).build());
    Message asks = store().append(s.id(), NewMessage.builder(Role.ASSISTANT).toolCall(call)
        .metadata(messageMetadata).build());
    Message answers = store().append(s.id(), NewMessage.tool(result));

    ChatSession read = store().getSession(s.id());
    assertThat(read.stateJson()).isEqualTo(s.stateJson());
    assertThat(read.metadata()).isEqualTo(chatMetadata);
    assertThat(store().getMessage(s.id(), asks.id()).toolCalls()).containsExactly(call);
    assertThat(store().getMessage(s.id(), asks.id()).metadata()).isEqualTo(messageMetadata);
    assertThat(store().getMessage(s.id(), answers.id()).toolResult()).contains(result);
  }

  @Test
  void nulSurvivesEverywhereTextGoes() {
    String nul = "before\u0000after";
    String json = "{\"k\":\"a\\u0000b\",\"\\u0000key\":[\"\\u0000\"]}";
    ChatSession s = store().createSession(NewSession.forOwner(OWNER).title(nul).state(json)
        .metadata(ChatMetadata.builder().context("c", nul).build()).build());
    Message m = store().append(s.id(), NewMessage.builder(Role.ASSISTANT).content(nul)
        .toolCall(new ToolCall("c\u0000", "t\u0000", json))
        .metadata(MessageMetadata.builder().error(nul).extensionJson("x", json).build()).build());
    Message t = store().append(s.id(), NewMessage.tool(ToolResult.failure("c\u0000", "t\u0000", json)));

    ChatSession read = store().getSession(s.id());
    assertThat(read.title()).isEqualTo(nul);
    assertThat(read.stateJson()).isEqualTo(s.stateJson()).contains("\\u0000");
    assertThat(read.metadata()).isEqualTo(s.metadata());
    assertThat(store().getMessage(s.id(), m.id())).isEqualTo(m);
    assertThat(store().getMessage(s.id(), t.id())).isEqualTo(t);
    assertThat(m.content()).isEqualTo(nul);
    assertThat(store().toolExecutions(s.id())).singleElement()
        .satisfies(e -> assertThat(e.resultMessageId()).contains(t.id()));
  }

  @Test
  void severalMegabytesRoundTripByAppendAndByStream() {
    String big = HostileText.nonBmp(LARGE - 1) + "\u0000";
    ChatSession s = newSession();

    Message appended = store().append(s.id(), NewMessage.assistant(big));
    Message streamed;
    try (MessageStream stream = store().openStream(s.id(), StreamOptions.assistant())) {
      for (int i = 0; i < big.length(); i += 64 * 1024) {
        stream.append(big.substring(i, Math.min(big.length(), i + 64 * 1024)));
      }
      streamed = stream.complete();
    }

    assertThat(store().getMessage(s.id(), appended.id()).content()).isEqualTo(big);
    assertThat(streamed.content()).isEqualTo(big);
    assertThat(store().getMessage(s.id(), streamed.id()).content()).isEqualTo(big);
    SessionSummary summary = store().listSessions(SessionQuery.of(OWNER)).items().get(0);
    assertThat(big).startsWith(summary.preview());
    assertThat(summary.preview().length()).isBetween(SessionSummary.PREVIEW_LENGTH - 1, SessionSummary.PREVIEW_LENGTH);
  }

  @Test
  void sqlAndJsonLookalikesAreFoundLiterallyBySearchAndListFilter() {
    String sql = "x'); DELETE FROM sessions WHERE ('1'='1";
    String json = "{\"$where\":\"1==1\"}";
    ChatSession s = store().createSession(NewSession.forOwner(OWNER).title(sql).build());
    Message a = store().append(s.id(), NewMessage.user(sql));
    Message b = store().append(s.id(), NewMessage.user(json));
    ChatSession other = newSession();
    store().append(other.id(), NewMessage.user("innocent"));

    assertThat(store().searchMessages(OWNER, sql, PageRequest.first(10)).items()).containsExactly(a);
    assertThat(store().searchMessages(OWNER, json, PageRequest.first(10)).items()).containsExactly(b);
    assertThat(store().listSessions(SessionQuery.forOwner(OWNER).text(sql).build()).items())
        .extracting(SessionSummary::id).containsExactly(s.id());
    assertThat(store().listSessions(SessionQuery.forOwner(OWNER).text("%").build()).items()).isEmpty();
    assertThat(store().listSessions(SessionQuery.forOwner(OWNER).text("_").build()).items()).isEmpty();
    assertThat(store().listSessions(SessionQuery.of(OWNER)).items()).hasSize(2);
  }
}
