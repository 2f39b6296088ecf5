package dev.chatstore.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StaleVersionException;
import dev.chatstore.StreamOptions;
import dev.chatstore.UnavailableException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncSessionStoreTest {
  private final SessionStore store = SessionStore.inMemory();
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "store-io"));
  private final AsyncSessionStore async = AsyncSessionStore.over(store, executor);

  @AfterEach
  void close() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
    store.close();
  }

  @Test
  void callsRunOnTheHostsExecutor() throws Exception {
    String thread = Futures.await(async.call(store -> Thread.currentThread().getName()));
    assertThat(thread).isEqualTo("store-io");
    ChatSession s = async.createSession(NewSession.forOwner("alice").title("t").build()).get(10, TimeUnit.SECONDS);
    Message m = Futures.await(async.append(s.id(), NewMessage.user("hi")));
    assertThat(Futures.await(async.messages(s.id(), MessageQuery.latest(5))).items()).containsExactly(m);
    assertThat(Futures.await(async.findSession(s.id()))).map(ChatSession::title).isEqualTo(Optional.of("t"));
    assertThat(Futures.await(async.latestSession("alice"))).isPresent();
    assertThat(Futures.await(async.recentMessages(s.id(), 1))).containsExactly(m);
  }

  @Test
  void aFailedFutureHoldsTheStoresOwnException() {
    CompletableFuture<ChatSession> f = async.getSession("0190f1f2-0000-7000-8000-000000000000");
    ExecutionException viaGet = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> f.get(10, TimeUnit.SECONDS));
    assertThat(viaGet.getCause()).isInstanceOf(SessionNotFoundException.class);
    CompletionException viaJoin = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, f::join);
    assertThat(viaJoin.getCause()).isInstanceOf(SessionNotFoundException.class);
    // dependent stages see the JDK's CompletionException; Futures.cause takes it off
    Throwable seen = f.thenApply(ChatSession::title).handle((v, t) -> t).join();
    assertThat(seen).isInstanceOf(CompletionException.class);
    assertThat(Futures.cause(seen)).isInstanceOf(SessionNotFoundException.class);
    assertThat(Futures.cause(seen)).isSameAs(viaGet.getCause());
  }

  @Test
  void awaitThrowsTheTypedExceptionUnwrapped() {
    ChatSession s = Futures.await(async.createSession(NewSession.forOwner("alice").build()));
    Futures.await(async.updateSession(s.id(), s.version(), SessionUpdate.title("one")));
    assertThatThrownBy(() -> Futures.await(async.updateSession(s.id(), s.version(), SessionUpdate.title("two"))))
        .isInstanceOfSatisfying(StaleVersionException.class, e -> {
          assertThat(e.expectedVersion()).isEqualTo(s.version());
          assertThat(e.actualVersion()).isEqualTo(s.version() + 1);
        });
    assertThatThrownBy(() -> Futures.await(async.getSession("../x"))).isInstanceOf(InvalidInputException.class);
    Futures.await(async.deleteSession(s.id()));
    assertThatThrownBy(() -> Futures.await(async.append(s.id(), NewMessage.user("x"))))
        .isInstanceOfSatisfying(ConflictException.class,
            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.SESSION_DELETED));
    Futures.await(async.restoreSession(s.id()));
    Futures.await(async.purgeSession(s.id()));
    assertThat(Futures.await(async.findSession(s.id()))).isEmpty();
  }

  @Test
  void aRefusingExecutorFailsTheFutureWithUnavailable() {
    ExecutorService stopped = Executors.newSingleThreadExecutor();
    stopped.shutdown();
    CompletableFuture<Optional<ChatSession>> f = AsyncSessionStore.over(store, stopped).latestSession("alice");
    assertThatThrownBy(() -> Futures.await(f)).isInstanceOf(UnavailableException.class);
  }

  @Test
  void aFutureCancelledWhileQueuedNeverRuns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    executor.execute(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    CompletableFuture<ChatSession> f = async.createSession(NewSession.forOwner("carol").build());
    f.cancel(false);
    release.countDown();
    Futures.await(async.call(s -> 0)); // everything queued before has run
    assertThat(store.latestSession("carol")).isEmpty();
  }

  @Test
  void streamsForksAndBatchesWorkThroughTheWrapper() {
    ChatSession s = Futures.await(async.createSession(NewSession.forOwner("alice").build()));
    List<Message> batch = Futures.await(async.appendAll(s.id(), List.of(NewMessage.user("a"), NewMessage.user("b"))));
    MessageStream stream = Futures.await(async.openStream(s.id(), StreamOptions.assistant()));
    stream.append("streamed");
    Message done = stream.complete();
    assertThat(Futures.await(async.getMessage(s.id(), done.id())).content()).isEqualTo("streamed");
    ChatSession fork = Futures.await(async.fork(s.id(), batch.get(1).id(), "fork"));
    assertThat(fork.messageCount()).isEqualTo(2);
    assertThat(Futures.await(async.toolExecutions(s.id()))).isEmpty();
    assertThat(Futures.await(async.searchMessages("alice", "STREAM", dev.chatstore.PageRequest.first(5))).items())
        .extracting(Message::id).containsExactly(done.id());
  }

  @Test
  void hostCodeFailuresArriveAsTheyWereThrown() {
    IllegalStateException boom = new IllegalStateException("host bug");
    CompletableFuture<Object> f = async.call(s -> {
      throw boom;
    });
    assertThatThrownBy(() -> Futures.await(f)).isSameAs(boom);
  }
}
