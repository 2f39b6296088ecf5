package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.jdbc.internal.H2Urls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default's file, once the store has closed, takes at most 1.5 times the space of the
 * same rows inserted plainly (one INSERT per row through plain JDBC, H2's default settings), although
 * every append wrote and committed on its own under WRITE_DELAY=0. Prints both sizes, and the size
 * while the store was still open; {@code -Dh2disk.appends=10000} measures another count (the figures
 * in docs/BENCHMARKS.md).
 */
class H2DiskSizeTest {
  private static final int APPENDS = Integer.getInteger("h2disk.appends", 1500);
  private static final double LIMIT = 1.5;

  @TempDir
  Path temp;

  @Test
  void afterCloseTheFileIsWithinOneAndAHalfTimesTheSameRowsInsertedPlainly() throws Exception {
    Path stored = temp.resolve("store");
    JdbcSessionStore store = JdbcSessionStore.h2(stored);
    long started = System.nanoTime();
    long work;
    long afterWork;
    try {
      ChatSession s = store.createSession(NewSession.forOwner("o").title("a long chat").build());
      for (int i = 0; i < APPENDS; i++) {
        store.append(s.id(), message(i));
      }
      work = (System.nanoTime() - started) / 1_000_000;
      afterWork = size(stored);
    } finally {
      started = System.nanoTime();
      store.close();
    }
    long close = (System.nanoTime() - started) / 1_000_000;
    long afterClose = size(stored);

    Path plain = temp.resolve("plain");
    JdbcSessionStore.h2(plain).close(); // the same schema, empty
    try (Connection from = DriverManager.getConnection(H2Urls.file(stored));
        Connection to = DriverManager.getConnection("jdbc:h2:file:" + plain.resolve(H2Urls.FILE_NAME))) {
      copy(from, to, "chatstore_sessions");
      copy(from, to, "chatstore_messages");
    }
    long plainSize = size(plain);

    System.out.printf("H2 disk use after %d appends: store %d KB while open, %d KB after close();"
            + " the same rows inserted plainly %d KB; ratio %.2f (limit %.1f); appends took %d ms, close() %d ms%n",
        APPENDS, afterWork / 1024, afterClose / 1024, plainSize / 1024, (double) afterClose / plainSize, LIMIT,
        work, close);
    assertThat((double) afterClose).as("store file after close vs plain inserts (%d vs %d bytes)", afterClose,
        plainSize).isLessThanOrEqualTo(LIMIT * plainSize);
  }

  /** A chat's mix: questions, longer answers, now and then a tool call and its result. */
  private static NewMessage message(int i) {
    String words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ";
    switch (i % 6) {
      case 0, 3 -> {
        return NewMessage.user("question " + i + ": " + words.repeat(2));
      }
      case 4 -> {
        return NewMessage.builder(Role.ASSISTANT).content("let me look that up")
            .toolCall(new ToolCall("call_" + i, "search", "{\"query\":\"item " + i + "\",\"limit\":5}")).build();
      }
      case 5 -> {
        return NewMessage.tool(ToolResult.success("call_" + (i - 1), "search",
            "{\"hits\":[\"" + words + "\",\"" + words + "\"]}"));
      }
      default -> {
        return NewMessage.assistant("answer " + i + ": " + words.repeat(8));
      }
    }
  }

  private static void copy(Connection from, Connection to, String table) throws SQLException {
    try (Statement select = from.createStatement(); ResultSet rows = select.executeQuery("SELECT * FROM " + table)) {
      int columns = rows.getMetaData().getColumnCount();
      String insert = "INSERT INTO " + table + " VALUES (" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
      try (PreparedStatement into = to.prepareStatement(insert)) {
        while (rows.next()) {
          for (int c = 1; c <= columns; c++) {
            into.setObject(c, rows.getObject(c));
          }
          into.executeUpdate();
        }
      }
    }
  }

  private static long size(Path folder) throws IOException {
    return Files.size(folder.resolve(H2Urls.FILE_NAME + ".mv.db"));
  }
}
