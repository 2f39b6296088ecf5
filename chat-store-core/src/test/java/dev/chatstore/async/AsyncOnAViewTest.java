package dev.chatstore.async;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.StreamOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AsyncSessionStore over an owner view: the view's rules, delivered as futures on the host's executor. */
class AsyncOnAViewTest {
  private static final String UNKNOWN = "0190f1f2-0000-7000-8000-000000000000";

  private final SessionStore store = SessionStore.inMemory();
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final AsyncSessionStore alice = AsyncSessionStore.over(store.forOwner("alice"), executor);

  @AfterEach
  void close() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
    store.close();
  }

  @Test
  void createsAsTheViewsOwnerAndListsOnlyTheirs() {
    ChatSession created = Futures.await(alice.createSession(NewSession.forOwner("bob").build()));
    store.createSession(NewSession.forOwner("bob").build());

    assertThat(created.ownerId()).isEqualTo("alice");
    assertThat(Futures.await(alice.listSessions(SessionQuery.of("bob"))).items()).isEmpty();
    assertThat(Futures.await(alice.listSessions(SessionQuery.of("alice"))).items()).hasSize(1);
  }

  @Test
  void anotherOwnersSessionFailsTheFutureAsAnUnknownIdDoes() {
    ChatSession bobs = store.createSession(NewSession.forOwner("bob").build());
    store.append(bobs.id(), NewMessage.user("bob's secret"));
    List<Function<String, CompletableFuture<?>>> calls = List.of(
        id -> alice.getSession(id),
        id -> alice.append(id, NewMessage.user("planted")),
        id -> alice.deleteSession(id),
        id -> alice.recentMessages(id, 5),
        id -> alice.openStream(id, StreamOptions.assistant()));

    for (Function<String, CompletableFuture<?>> call : calls) {
      Throwable unknown = Futures.cause(call.apply(UNKNOWN).handle((v, e) -> e).join());
      Throwable others = Futures.cause(call.apply(bobs.id()).handle((v, e) -> e).join());
      assertThat(others).isInstanceOf(SessionNotFoundException.class);
      assertThat(others.getMessage()).isEqualTo(unknown.getMessage().replace(UNKNOWN, bobs.id()));
    }
    assertThat(Futures.await(alice.searchMessages("bob", "secret", PageRequest.first(5))).items()).isEmpty();
    assertThat(store.getSession(bobs.id()).messageCount()).isEqualTo(1);
  }
}
