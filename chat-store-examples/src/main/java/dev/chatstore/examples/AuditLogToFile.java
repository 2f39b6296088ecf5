package dev.chatstore.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatstore.ChatSession;
import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionStore;
import dev.chatstore.UnavailableException;
import dev.chatstore.audit.AuditEvent;
import dev.chatstore.audit.AuditListener;
import dev.chatstore.audit.AuditedStore;
import dev.chatstore.jdbc.JdbcSessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An audit log of conversation access: every read and write through the store becomes one JSON line
 * in {@code audit.jsonl} beside the chats, written by the hook's delivery thread, never by the caller's.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -Pdemo verify -Ddemo.main=dev.chatstore.examples.AuditLogToFile}
 */
public final class AuditLogToFile implements AuditListener, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Writer out;

  private AuditLogToFile(Path file) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args.length > 0 ? args[0] : "chat-store-demo-data");
    Files.createDirectories(folder);
    Path logFile = folder.resolve("audit.jsonl");
    try (AuditLogToFile log = new AuditLogToFile(logFile);
        SessionStore store = AuditedStore.over(JdbcSessionStore.h2(folder.resolve("db")), log)) {
      ChatSession chat = store.createSession(NewSession.forOwner("alice").title("Audited").build());
      store.append(chat.id(), NewMessage.user("Who reads my chats?"));
      store.append(chat.id(), NewMessage.assistant("Every access is in the audit log."));
      store.messages(chat.id(), MessageQuery.latest(50));
      store.findSession("no-such-chat");
    } // closing the store delivers what is queued, then the log file is closed
    System.out.print(Files.readString(logFile, StandardCharsets.UTF_8));
  }

  @Override
  public void onEvent(AuditEvent event) {
    ObjectNode line = JSON.createObjectNode()
        .put("at", event.at().toString())
        .put("operation", event.operation().name())
        .put("outcome", event.outcome().name())
        .put("items", event.itemCount())
        .put("tookMicros", event.took().toNanos() / 1000);
    event.ownerId().ifPresent(o -> line.put("owner", o));
    event.sessionId().ifPresent(s -> line.put("session", s));
    event.error().ifPresent(e -> line.put("error", e));
    try {
      synchronized (out) {
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // logged by the hook; the store goes on
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UnavailableException("cannot close the audit log", e);
    }
  }
}
