package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatSession;
import dev.chatstore.CorruptDataException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import org.junit.jupiter.api.Test;

/**
 * Rows damaged outside the store (message rows and a stream's chunks): reading them is a {@link CorruptDataException} that names the
 * table, the row and the field, and the rest of the store stays usable.
 */
abstract class CorruptRowsTestBase extends OpenStoreTestBase {
  @Test
  void aToolCallWithoutItsIdNamesTheRowAndTheField() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    Message call = store.append(s.id(), NewMessage.builder(Role.ASSISTANT)
        .toolCall(new ToolCall("c1", "search", "{\"q\":1}")).build());
    Message fine = store.append(s.id(), NewMessage.builder(Role.USER).content("still readable").build());
    db.update("UPDATE chatstore_messages SET tool_calls = " + db.json() + " WHERE id = ?",
        "[{\"arguments\":{},\"name\":\"search\"}]", call.id());

    assertThatThrownBy(() -> store.findMessage(s.id(), call.id()))
        .isInstanceOfSatisfying(CorruptDataException.class, e -> assertThat(e.location())
            .isEqualTo("chatstore_messages session_id=" + s.id() + " seq=1"))
        .hasMessageContaining("tool_calls[0].id");
    assertThatThrownBy(() -> store.toolExecutions(s.id())).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("seq=1");
    assertThat(store.messages(s.id(), MessageQuery.afterSeq(1, 10)).items()).containsExactly(fine);
  }

  @Test
  void aToolResultThatIsNotAnObjectNamesTheRow() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    store.append(s.id(), NewMessage.builder(Role.ASSISTANT).toolCall(new ToolCall("c1", "t", "{}")).build());
    Message result = store.append(s.id(), NewMessage.builder(Role.TOOL)
        .toolResult(new ToolResult("c1", "t", "{}", false)).build());
    db.update("UPDATE chatstore_messages SET tool_result = " + db.json() + " WHERE id = ?", "[1]", result.id());

    assertThatThrownBy(() -> store.toolExecutions(s.id()))
        .isInstanceOfSatisfying(CorruptDataException.class, e -> assertThat(e.location())
            .isEqualTo("chatstore_messages session_id=" + s.id() + " seq=2"))
        .hasMessageContaining("tool_result");
    assertThatThrownBy(() -> store.findMessage(s.id(), result.id())).isInstanceOf(CorruptDataException.class);
  }

  @Test
  void aBodyThatDoesNotDecodeNamesTheRowAndTheField() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    Message m = store.append(s.id(), NewMessage.builder(Role.USER).content("hi").name("ana").build());
    db.update("UPDATE chatstore_messages SET body = ? WHERE id = ?", "{\"parts\":[{\"type\":\"text\"}]}", m.id());

    assertThatThrownBy(() -> store.findMessage(s.id(), m.id()))
        .isInstanceOfSatisfying(CorruptDataException.class, e -> assertThat(e.location())
            .isEqualTo("chatstore_messages session_id=" + s.id() + " seq=1"))
        .hasMessageContaining("body.parts[0].text");
    db.update("UPDATE chatstore_messages SET body = ? WHERE id = ?", "{\"parts\":", m.id());
    assertThatThrownBy(() -> store.findMessage(s.id(), m.id())).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("body");
  }

  @Test
  void streamedExtrasThatDoNotDecodeNameTheMessageAndTheField() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    Message fine = store.append(s.id(), NewMessage.user("still readable"));
    MessageStream stream = store.openStream(s.id(), StorageTestBase.explicitFlushes());
    stream.appendReasoning("why").append("text").flush();
    String chunk = "UPDATE chatstore_stream_chunks SET extras = ? WHERE message_id = ?";
    db.update(chunk, "{\"reasoning\":1}", stream.messageId());

    assertThatThrownBy(() -> store.findMessage(s.id(), stream.messageId()))
        .isInstanceOfSatisfying(CorruptDataException.class, e -> assertThat(e.location())
            .isEqualTo("chatstore_messages session_id=" + s.id() + " seq=2"))
        .hasMessageContaining("extras.reasoning");
    db.update(chunk, "{", stream.messageId());
    assertThatThrownBy(() -> store.findMessage(s.id(), stream.messageId())).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("extras");
    assertThat(store.messages(s.id(), MessageQuery.earliest(1)).items()).containsExactly(fine);

    db.update(chunk, "{\"reasoning\":\"mended\"}", stream.messageId());
    assertThat(stream.complete().parts()).containsExactly(new ReasoningPart("mended"), Part.text("text"));
  }

  @Test
  void aToolResultWithAnErrorFlagThatIsNotABooleanNamesTheField() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    Message result = store.append(s.id(), NewMessage.builder(Role.TOOL)
        .toolResult(new ToolResult("c1", "t", "{}", false)).build());
    db.update("UPDATE chatstore_messages SET tool_result = " + db.json() + " WHERE id = ?",
        "{\"callId\":\"c1\",\"error\":\"no\",\"output\":{},\"toolName\":\"t\"}", result.id());

    assertThatThrownBy(() -> store.findMessage(s.id(), result.id()))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("seq=1")
        .hasMessageContaining("tool_result.error");
  }
}
