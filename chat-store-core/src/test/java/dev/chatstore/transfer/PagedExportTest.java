package dev.chatstore.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Export reads a page at a time and import writes a batch at a time, whatever the session's length. */
class PagedExportTest {
  @Test
  void aLongSessionIsReadAndWrittenInPages() {
    try (SessionStore memory = SessionStore.inMemory(); SessionStore target = SessionStore.inMemory()) {
      ChatSession s = memory.createSession(NewSession.forOwner("o").build());
      List<NewMessage> batch = new ArrayList<>();
      for (int i = 0; i < 1_250; i++) {
        batch.add(NewMessage.user("message " + i));
      }
      memory.appendAll(s.id(), batch);
      List<Integer> pageLimits = new ArrayList<>();
      SessionStore watched = watching(memory, "messages", args -> pageLimits.add(((MessageQuery) args[1]).limit()));

      String exported = SessionExporter.builder(watched).pageSize(150).build().exportToString(s.id(), ExportFormat.JSONL);

      assertThat(pageLimits).hasSize(9).containsOnly(150); // 1,250 messages, 150 a page
      assertThat(exported.lines()).hasSize(1_251);
      AtomicInteger batches = new AtomicInteger();
      List<Integer> sizes = new ArrayList<>();
      SessionStore counted = watching(target, "appendAll", args -> {
        batches.incrementAndGet();
        sizes.add(((List<?>) args[1]).size());
      });
      SessionImporter.builder(counted).batchSize(500).build()
          .importSession(ImportSource.of(exported), ImportOptions.defaults());
      assertThat(sizes).containsExactly(500, 500, 250);
      assertThat(SessionExporter.of(target).exportToString(s.id(), ExportFormat.JSONL)).isEqualTo(exported);
    }
  }

  private static SessionStore watching(SessionStore store, String method, java.util.function.Consumer<Object[]> seen) {
    InvocationHandler handler = (proxy, m, args) -> {
      if (m.getName().equals(method)) {
        seen.accept(args);
      }
      try {
        return m.invoke(store, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (SessionStore) Proxy.newProxyInstance(SessionStore.class.getClassLoader(),
        new Class<?>[] {SessionStore.class}, handler);
  }
}
