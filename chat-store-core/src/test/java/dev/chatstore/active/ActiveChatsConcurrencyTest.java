package dev.chatstore.active;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Real threads: a "UI" thread reading while "model" threads write. */
class ActiveChatsConcurrencyTest {
  private static final int WRITERS = 4;
  private static final int ITEMS_PER_WRITER = 120;

  @Test
  void readersSeeWholeChangesWhileWritersChangeOneChat() throws Exception {
    ActiveChats chats = new ActiveChats();
    ChatKey key = chats.openDraft().key();
    List<ActiveChatEvent> heard = new CopyOnWriteArrayList<>();
    chats.addListener(heard::add);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    try {
      Future<Integer> reader = pool.submit(() -> {
        start.await();
        int reads = 0;
        while (writing.get() || reads == 0) {
          ActiveChat seen = chats.get(key);
          // an item and its paired tool land in one update: a reader never sees one without the other
          java.util.Set<String> tools = new java.util.HashSet<>();
          seen.tools().forEach(t -> tools.add(t.name()));
          for (ContextItem item : seen.context()) {
            if (!tools.contains("tool-" + item.id())) {
              throw new AssertionError("item " + item.id() + " seen without its tool");
            }
          }
          reads++;
          Thread.yield(); // on two cores a reader that never yields starves the writers it watches
        }
        return reads;
      });
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < ITEMS_PER_WRITER; i++) {
            String id = writer + "-" + i;
            String old = writer + "-" + (i - 60);
            if (i >= 60) { // the item goes first, its tool with the next update: items stay a subset
              chats.removeContext(key, old);
            }
            chats.update(key, c -> c.withContextItem(new ContextItem(id, "note", "n" + id))
                .withTool(ToolSpec.withoutArguments("tool-" + id, ""))
                .withoutTool("tool-" + old)); // keeps under MAX_TOOLS
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : writers) {
        f.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
    } finally {
      pool.shutdownNow();
    }

    ActiveChat last = chats.get(key);
    assertThat(last.context()).hasSize(WRITERS * 60);
    // Every change was heard, in order: each Changed starts from what the previous one ended with.
    assertThat(heard).hasSize(WRITERS * (ITEMS_PER_WRITER + (ITEMS_PER_WRITER - 60)));
    ActiveChat previous = null;
    for (ActiveChatEvent e : heard) {
      ActiveChatEvent.Changed c = (ActiveChatEvent.Changed) e;
      if (previous != null) {
        assertThat(c.before()).isEqualTo(previous);
      }
      previous = c.after();
    }
    assertThat(previous).isEqualTo(last);
  }

  @Test
  void manyChatsOpenedPromotedAndClosedFromManyThreads() throws Exception {
    ActiveChats chats = new ActiveChats();
    Map<String, Integer> opened = new ConcurrentHashMap<>();
    chats.addListener(e -> {
      if (e instanceof ActiveChatEvent.Promoted p) {
        opened.merge(p.chat().key().id(), 1, Integer::sum);
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        tasks.add(pool.submit(() -> {
          for (int i = 0; i < 250; i++) {
            ChatKey draft = chats.openDraft().key();
            chats.attachTool(draft, ToolSpec.withoutArguments("clock", ""));
            ActiveChat promoted = chats.promote(draft, "s-" + thread + "-" + i);
            assertThat(promoted.tools()).hasSize(1);
            if (i % 2 == 0) {
              chats.close(promoted.key());
            }
          }
          return null;
        }));
      }
      for (Future<?> f : tasks) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(chats.all()).hasSize(4 * 125).allSatisfy(c -> assertThat(c.key().isDraft()).isFalse());
    assertThat(opened).hasSize(1000).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
  }
}
