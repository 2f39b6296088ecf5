package dev.chatstore.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatSession;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AuditedStoreTest {
  private final Queue<AuditEvent> events = new ConcurrentLinkedQueue<>();

  @Test
  void everyCallIsAnEventWithOwnerSessionCountAndOutcome() {
    String sessionId;
    try (AuditedStore store = AuditedStore.over(SessionStore.inMemory(), events::add)) {
      ChatSession s = store.createSession(NewSession.forOwner("alice").title("t").build());
      sessionId = s.id();
      store.append(s.id(), NewMessage.user("hi"));
      store.appendAll(s.id(), List.of(NewMessage.user("a"), NewMessage.assistant("b")));
      store.messages(s.id(), MessageQuery.latest(10));
      store.listSessions(SessionQuery.of("alice"));
      store.findSession("unknown-id");
      assertThatThrownBy(() -> store.append("unknown-id", NewMessage.user("x")))
          .isInstanceOf(SessionNotFoundException.class);
      assertThatThrownBy(() -> store.append(s.id(), null)).isInstanceOf(InvalidInputException.class);
    }
    List<AuditEvent> got = new ArrayList<>(events);
    assertThat(got).extracting(AuditEvent::operation).containsExactly(AuditOperation.CREATE_SESSION,
        AuditOperation.APPEND, AuditOperation.APPEND_ALL, AuditOperation.MESSAGES, AuditOperation.LIST_SESSIONS,
        AuditOperation.FIND_SESSION, AuditOperation.APPEND, AuditOperation.APPEND);
    assertThat(got).extracting(AuditEvent::itemCount).containsExactly(1, 1, 2, 3, 1, 0, 0, 0);
    assertThat(got).extracting(AuditEvent::outcome).containsExactly(AuditOutcome.OK, AuditOutcome.OK,
        AuditOutcome.OK, AuditOutcome.OK, AuditOutcome.OK, AuditOutcome.OK, AuditOutcome.NOT_FOUND,
        AuditOutcome.INVALID);
    // the owner of id-only calls is found off the calling thread
    assertThat(got.subList(0, 5)).allSatisfy(e -> assertThat(e.ownerId()).contains("alice"));
    assertThat(got.get(1).sessionId()).contains(sessionId);
    assertThat(got.get(6).ownerId()).isEmpty();
    assertThat(got.get(6).error()).contains(SessionNotFoundException.class.getName());
    assertThat(got.get(7).ownerId()).contains("alice");
    assertThat(got).allSatisfy(e -> assertThat(e.took().isNegative()).isFalse());
  }

  @Test
  void aStreamIsOneOpenAndOneEndEvent() {
    try (AuditedStore store = AuditedStore.over(SessionStore.inMemory(), events::add)) {
      ChatSession s = store.createSession(NewSession.forOwner("bob").build());
      try (MessageStream stream = store.openStream(s.id(), Role.ASSISTANT)) {
        stream.append("Hello").append(", world");
        stream.complete();
      }
      MessageStream abandoned = store.openStream(s.id(), Role.ASSISTANT);
      abandoned.append("cut");
      abandoned.close();
    }
    assertThat(events).extracting(AuditEvent::operation).containsExactly(AuditOperation.CREATE_SESSION,
        AuditOperation.OPEN_STREAM, AuditOperation.STREAM_END, AuditOperation.OPEN_STREAM, AuditOperation.STREAM_END);
    List<AuditEvent> ends = events.stream().filter(e -> e.operation() == AuditOperation.STREAM_END).toList();
    assertThat(ends).extracting(AuditEvent::itemCount).containsExactly(12, 3);
    assertThat(ends).allSatisfy(e -> assertThat(e.ownerId()).contains("bob"));
  }

  @Test
  void aBlockedListenerNeverBlocksWritesAndLearnsHowManyEventsWereDropped() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch first = new CountDownLatch(1);
    AuditListener blocked = e -> {
      first.countDown();
      await(release);
      events.add(e);
    };
    AuditedStore store = AuditedStore.over(SessionStore.inMemory(), blocked, 2, Clock.systemUTC());
    ChatSession s = store.createSession(NewSession.forOwner("carol").build());
    assertThat(first.await(10, TimeUnit.SECONDS)).isTrue(); // the listener holds the first event
    for (int i = 0; i < 100; i++) {
      store.append(s.id(), NewMessage.user("m" + i)); // returns although the listener does not
    }
    assertThat(store.messages(s.id(), MessageQuery.latest(1000)).items()).hasSize(100);
    long dropped = store.droppedEvents();
    assertThat(dropped).isEqualTo(99); // 100 appends and the read; two fit in the queue
    release.countDown();
    store.close();
    // the drops are told as soon as the listener is back, ahead of the two queued appends
    assertThat(events).extracting(AuditEvent::operation).containsExactly(AuditOperation.CREATE_SESSION,
        AuditOperation.EVENTS_DROPPED, AuditOperation.APPEND, AuditOperation.APPEND);
    assertThat(new ArrayList<>(events).get(1).itemCount()).isEqualTo(99);
  }

  @Test
  void aThrowingListenerDoesNotBreakTheStoreOrDelivery() {
    List<AuditOperation> seen = new ArrayList<>();
    AuditListener flaky = e -> {
      synchronized (seen) {
        seen.add(e.operation());
      }
      if (e.operation() == AuditOperation.CREATE_SESSION) {
        throw new IllegalStateException("listener bug");
      }
    };
    try (AuditedStore store = AuditedStore.over(SessionStore.inMemory(), flaky)) {
      ChatSession s = store.createSession(NewSession.forOwner("dan").build());
      store.append(s.id(), NewMessage.user("still works"));
    }
    assertThat(seen).containsExactly(AuditOperation.CREATE_SESSION, AuditOperation.APPEND);
  }

  @Test
  void callsFromManyThreadsAreAllAudited() throws Exception {
    int threads = 8;
    int each = 50;
    try (AuditedStore store = AuditedStore.over(SessionStore.inMemory(), events::add)) {
      ChatSession s = store.createSession(NewSession.forOwner("eve").build());
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            store.append(s.id(), NewMessage.user("x"));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
    }
    assertThat(events.stream().filter(e -> e.operation() == AuditOperation.APPEND)).hasSize(threads * each)
        .allSatisfy(e -> assertThat(e.ownerId()).contains("eve"));
  }

  @Test
  void badArgumentsAreRefused() {
    SessionStore memory = SessionStore.inMemory();
    assertThatThrownBy(() -> AuditedStore.over(null, events::add)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> AuditedStore.over(memory, null)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> AuditedStore.over(memory, events::add, 0, Clock.systemUTC()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("capacity"));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
