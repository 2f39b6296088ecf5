package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import org.junit.jupiter.api.Test;

/**
 * Stream storage and hard text on PostgreSQL, which refuses NUL in text and jsonb: what the rows hold
 * is the escaped form, which reads back as the original.
 */
class PostgresStorageTest extends StorageTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.migratedPostgres();
  }

  @Test
  void nulIsStoredEscapedInTextAndInsideJsonb() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").state("{\"k\\u0000\":\"v\\u0000\"}").build());
    Message m = store.append(s.id(), NewMessage.builder(Role.ASSISTANT).content("a\u0000b")
        .toolCall(new ToolCall("c\u0000", "t", "{\"q\":\"\\u0000\"}")).build());

    assertThat(db.column("SELECT content FROM chatstore_messages WHERE id = ?", m.id()))
        .singleElement().satisfies(c -> assertThat(c).doesNotContain("\u0000").isNotEqualTo("a\u0000b"));
    assertThat(db.column("SELECT state::text FROM chatstore_sessions WHERE id = ?", s.id()))
        .singleElement().satisfies(j -> assertThat(j).doesNotContain("\\u0000"));
    assertThat(store.getSession(s.id()).stateJson()).isEqualTo("{\"k\\u0000\":\"v\\u0000\"}");
    assertThat(store.getMessage(s.id(), m.id())).isEqualTo(m);
  }
}
