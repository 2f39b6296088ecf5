package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.NewSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conversation keys on PostgreSQL: stored escaped where they hold NUL, compared byte by byte. */
class PostgresSessionKeysTest extends SessionKeysTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.migratedPostgres();
  }

  /**
   * The generic plan (the one a statement prepared on the server ends up with), seq scans off: the
   * partial index must serve a lookup whose key is a parameter, not only a literal.
   */
  @Override
  String plan(String query) throws Exception {
    List<String> lines = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SET enable_seqscan = off");
      s.execute("SET plan_cache_mode = force_generic_plan");
      s.execute("PREPARE by_key (text, text) AS " + query.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2"));
      try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE by_key('o', 'k')")) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      }
    }
    return String.join("\n", lines);
  }

  @Test
  void aKeyWithNulIsStoredEscapedAndComparedByteByByte() throws Exception {
    ChatSession nul = store.createSession(NewSession.forOwner("o").key("a\u0000b").build());
    ChatSession upper = store.createSession(NewSession.forOwner("o").key("\u00C9").build());
    ChatSession decomposed = store.createSession(NewSession.forOwner("o").key("E\u0301").build());

    assertThat(db.column("SELECT conversation_key FROM chatstore_sessions WHERE id = ?", nul.id()))
        .containsExactly("a\uF8E0\uF8E2b");
    assertThat(store.findSessionByKey("o", "a\u0000b")).contains(nul);
    assertThat(store.findSessionByKey("o", "\u00C9")).contains(upper);
    assertThat(store.findSessionByKey("o", "E\u0301")).contains(decomposed);
    assertThat(store.findSessionByKey("o", "\u00E9")).isEmpty();
  }
}
