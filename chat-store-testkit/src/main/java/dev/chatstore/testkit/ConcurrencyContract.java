package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.ChatStoreException;
import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StaleVersionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Real threads against one store: seqs stay gap-free and unique, batches stay contiguous, exactly one
 * writer wins a version, and many streams at once all end with their exact content.
 */
public abstract class ConcurrencyContract extends ContractArea {

  protected ConcurrencyContract(SessionStoreContract contract) {
    super(contract);
  }

  @Test
  void eightThreadsAppendingAThousandEachToOneSession() {
    int threads = 8;
    int perThread = 1000;
    ChatSession s = newSession();
    List<Callable<List<Message>>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      tasks.add(() -> {
        List<Message> mine = new ArrayList<>(perThread);
        for (int i = 0; i < perThread; i++) {
          mine.add(store().append(s.id(), NewMessage.user("t" + thread + "-" + i)));
        }
        return mine;
      });
    }

    List<List<Message>> results = Concurrently.run(tasks);

    List<Message> all = allMessages(s.id());
    assertThat(all).hasSize(threads * perThread);
    assertThat(seqs(all)).isEqualTo(oneTo(threads * perThread));
    assertThat(all.stream().map(Message::id).distinct().count()).isEqualTo(threads * perThread);
    assertThat(store().getSession(s.id()).messageCount()).isEqualTo(threads * perThread);
    for (List<Message> mine : results) {
      assertThat(seqs(mine)).as("one thread's appends keep their order").isSorted();
      for (Message m : mine) {
        assertThat(all.get((int) m.seq() - 1)).isEqualTo(m);
      }
    }
  }

  @Test
  void threadsAppendingAcrossManySessions() {
    int threads = 8;
    int sessions = 16;
    int perThread = 160;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      ids.add(newSession().id());
    }
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      tasks.add(() -> {
        for (int i = 0; i < perThread; i++) {
          store().append(ids.get((thread + i) % sessions), NewMessage.user("t" + thread + "-" + i));
        }
        return null;
      });
    }

    Concurrently.run(tasks);

    int each = threads * perThread / sessions;
    for (String id : ids) {
      assertThat(seqs(allMessages(id))).as("session %s", id).isEqualTo(oneTo(each));
      assertThat(store().getSession(id).messageCount()).isEqualTo(each);
    }
  }

  @Test
  void concurrentBatchesStayContiguous() {
    ChatSession s = newSession();
    int threads = 4;
    int batches = 50;
    int size = 5;
    List<Callable<List<List<Message>>>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      tasks.add(() -> {
        List<List<Message>> mine = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
          mine.add(store().appendAll(s.id(), Fixtures.users(size)));
        }
        return mine;
      });
    }

    List<List<List<Message>>> results = Concurrently.run(tasks);

    for (List<List<Message>> perThread : results) {
      for (List<Message> batch : perThread) {
        long first = batch.get(0).seq();
        assertThat(seqs(batch)).containsExactly(first, first + 1, first + 2, first + 3, first + 4);
      }
    }
    assertThat(seqs(allMessages(s.id()))).isEqualTo(oneTo(threads * batches * size));
  }

  @Test
  void exactlyOneWriterWinsAVersion() {
    ChatSession s = newSession();
    int threads = 8;
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      tasks.add(() -> {
        try {
          store().updateSession(s.id(), 1, SessionUpdate.title("writer " + thread));
          return true;
        } catch (StaleVersionException lost) {
          return false;
        }
      });
    }

    List<Boolean> won = Concurrently.run(tasks);

    assertThat(won.stream().filter(w -> w).count()).isEqualTo(1);
    ChatSession after = store().getSession(s.id());
    assertThat(after.version()).isEqualTo(2);
    assertThat(after.title()).isEqualTo("writer " + won.indexOf(true));
  }

  @Test
  void aHundredStreamsAtOnceAllEndCorrect() {
    int streams = 100;
    int sessions = 10;
    int chunks = 30;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      ids.add(newSession().id());
    }
    List<MessageStream> open = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      open.add(store().openStream(ids.get(i % sessions), Role.ASSISTANT));
    }
    List<Callable<Message>> tasks = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      MessageStream stream = open.get(i);
      int n = i;
      tasks.add(() -> {
        for (int c = 0; c < chunks; c++) {
          stream.append("s" + n + "c" + c + " ");
          if (c % 10 == 9) {
            stream.flush();
          }
        }
        return n % 3 == 0 ? stream.fail("stopped " + n) : stream.complete();
      });
    }

    List<Message> ended = Concurrently.run(16, tasks);

    for (int i = 0; i < streams; i++) {
      StringBuilder expected = new StringBuilder();
      for (int c = 0; c < chunks; c++) {
        expected.append("s").append(i).append("c").append(c).append(' ');
      }
      Message stored = store().getMessage(open.get(i).sessionId(), open.get(i).messageId());
      assertThat(stored).isEqualTo(ended.get(i));
      assertThat(stored.content()).isEqualTo(expected.toString());
      assertThat(stored.status()).isEqualTo(i % 3 == 0 ? MessageStatus.ERROR : MessageStatus.COMPLETE);
    }
    for (String id : ids) {
      assertThat(seqs(allMessages(id))).isEqualTo(oneTo(streams / sessions));
    }
  }

  @Test
  void streamsOpenedAtOnceAcrossSessionsGetEachTheirOwnOutcome() {
    List<String> live = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      live.add(newSession().id());
    }
    List<String> deleted = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String id = newSession().id();
      store().deleteSession(id);
      deleted.add(id);
    }
    List<String> targets = new ArrayList<>(live);
    targets.addAll(deleted);
    targets.add("no-such-session");
    List<Callable<Object>> tasks = new ArrayList<>();
    for (int i = 0; i < 3 * targets.size(); i++) {
      String sessionId = targets.get(i % targets.size());
      tasks.add(() -> {
        try {
          return store().openStream(sessionId, Role.ASSISTANT);
        } catch (ChatStoreException e) {
          return e;
        }
      });
    }

    List<Object> outcomes = Concurrently.run(tasks.size(), tasks);

    for (int i = 0; i < outcomes.size(); i++) {
      String sessionId = targets.get(i % targets.size());
      Object outcome = outcomes.get(i);
      if (live.contains(sessionId)) {
        assertThat(outcome).isInstanceOf(MessageStream.class);
        MessageStream stream = (MessageStream) outcome;
        assertThat(stream.sessionId()).isEqualTo(sessionId);
        stream.append("in " + sessionId).complete();
      } else if (deleted.contains(sessionId)) {
        assertThat(outcome).isInstanceOfSatisfying(ConflictException.class,
            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.SESSION_DELETED));
      } else {
        assertThat(outcome).isInstanceOf(SessionNotFoundException.class);
      }
    }
    for (String id : live) {
      List<Message> messages = allMessages(id);
      assertThat(seqs(messages)).isEqualTo(oneTo(3));
      assertThat(messages).extracting(Message::content).containsOnly("in " + id);
      assertThat(messages).extracting(Message::status).containsOnly(MessageStatus.COMPLETE);
    }
  }

  @Test
  void oneThreadAppendsWhileAnotherFlushes() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    AtomicBoolean producing = new AtomicBoolean(true);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      expected.append(i).append(',');
    }
    Callable<Void> producer = () -> {
      for (int i = 0; i < 2000; i++) {
        stream.append(i + ",");
      }
      producing.set(false);
      return null;
    };
    Callable<Void> flusher = () -> {
      while (producing.get()) {
        stream.flush();
      }
      return null;
    };

    Concurrently.run(List.of(producer, flusher));

    assertThat(stream.complete().content()).isEqualTo(expected.toString());
  }

  @Test
  void streamsAndAppendsRacingForSeqsInOneSession() {
    ChatSession s = newSession();
    int threads = 6;
    int each = 40;
    List<Callable<Set<String>>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      tasks.add(() -> {
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < each; i++) {
          if ((thread + i) % 2 == 0) {
            try (MessageStream stream = store().openStream(s.id(), Role.ASSISTANT)) {
              mine.add(stream.append("streamed").complete().id());
            }
          } else {
            mine.add(store().append(s.id(), NewMessage.user("appended")).id());
          }
        }
        return mine;
      });
    }

    List<Set<String>> results = Concurrently.run(tasks);

    List<Message> all = allMessages(s.id());
    assertThat(seqs(all)).isEqualTo(oneTo(threads * each));
    Map<String, Message> byId = new HashMap<>();
    all.forEach(m -> byId.put(m.id(), m));
    results.forEach(ids -> assertThat(byId).containsKeys(ids.toArray(String[]::new)));
    assertThat(all).extracting(Message::status).containsOnly(MessageStatus.COMPLETE);
  }
}
