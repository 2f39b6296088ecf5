package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.ToolResult;
import dev.chatstore.jdbc.internal.StoredForms;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Message bodies and tool results on PostgreSQL, which refuses NUL in text and jsonb: the body is a
 * text column holding the canonical JSON (NUL as the escape sequence JSON writes for it), tool results
 * jsonb with their strings PgText-escaped, and both read back as the original.
 */
class PostgresBodyStorageTest extends BodyStorageTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.migratedPostgres();
  }

  @Override
  String storedText(String text) {
    return StoredForms.postgresText(text);
  }

  @Override
  JsonNode storedResults(String messageId) throws Exception {
    return StoredForms.postgresJson(
        db.column("SELECT tool_result::text FROM chatstore_messages WHERE id = ?", messageId).get(0));
  }

  @Test
  void nulInABodyIsJsonsEscapeSequenceAndInATextOutputPgTextsEscape() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    Message parts = store.append(s.id(), NewMessage.builder(Role.ASSISTANT)
        .parts(List.of(ReasoningPart.signed("x\u0000y", "s\u0000"), Part.text("t\u0000"))).build());
    Message tool = store.append(s.id(), NewMessage.tool(List.of(ToolResult.text("c1", "t", "out\u0000put"),
        ToolResult.text("c2", "t", "\u0000"))));

    assertThat(db.column("SELECT body FROM chatstore_messages WHERE id = ?", parts.id())).singleElement()
        .satisfies(body -> assertThat(body).contains("x\\u0000y").doesNotContain("\u0000"));
    assertThat(db.column("SELECT body FROM chatstore_messages WHERE id = ?", tool.id())).containsExactly((String) null);
    assertThat(db.column("SELECT tool_result::text FROM chatstore_messages WHERE id = ?", tool.id())).singleElement()
        .satisfies(json -> assertThat(json).doesNotContain("\\u0000").contains("out\uF8E0\uF8E2put"));
    assertThat(db.column("SELECT jsonb_array_length(tool_result) FROM chatstore_messages WHERE id = ?", tool.id()))
        .containsExactly("2");
    assertThat(store.getMessage(s.id(), parts.id())).isEqualTo(parts);
    assertThat(store.getMessage(s.id(), tool.id())).isEqualTo(tool);
  }
}
