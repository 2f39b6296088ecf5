package dev.chatstore.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionSummary;
import dev.chatstore.StoreLimits;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolExecution;
import dev.chatstore.ToolResult;
import dev.chatstore.UnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A smoke test of the reference store; the full contract runs in chat-store-testkit. */
class InMemorySessionStoreTest {
  private final SessionStore store = InMemorySessionStore.builder().limits(StoreLimits.defaults()).build();

  @AfterEach
  void close() {
    store.close();
  }

  private ChatSession session(String owner) {
    return store.createSession(NewSession.forOwner(owner).title("chat of " + owner).build());
  }

  @Test
  void appendsPagesAndStreams() {
    ChatSession s = session("alice");
    store.append(s.id(), NewMessage.user("Hello"));
    try (MessageStream stream = store.openStream(s.id(), StreamOptions.assistant())) {
      assertThat(store.getMessage(s.id(), stream.messageId()).status()).isEqualTo(MessageStatus.PENDING);
      stream.append("Hi ").append("there");
      stream.flush();
      assertThat(store.getMessage(s.id(), stream.messageId()).content()).isEqualTo("Hi there");
      assertThat(store.getMessage(s.id(), stream.messageId()).status()).isEqualTo(MessageStatus.STREAMING);
      assertThat(stream.complete().status()).isEqualTo(MessageStatus.COMPLETE);
    }

    Page<Message> latest = store.messages(s.id(), MessageQuery.latest(1));
    assertThat(latest.items()).extracting(Message::content).containsExactly("Hi there");
    Page<Message> older = store.messages(s.id(), MessageQuery.from(latest.previousCursor().orElseThrow(), 10));
    assertThat(older.items()).extracting(Message::content).containsExactly("Hello");
    assertThat(older.hasPrevious()).isFalse();
    assertThat(older.hasNext()).isTrue();

    SessionSummary summary = store.listSessions(SessionQuery.of("alice")).items().get(0);
    assertThat(summary.messageCount()).isEqualTo(2);
    assertThat(summary.preview()).isEqualTo("Hi there");
  }

  @Test
  void concurrentAppendsGetGapFreeSeqs() throws Exception {
    ChatSession s = session("bob");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Long>>> results = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      results.add(pool.submit(() -> {
        start.await();
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          seqs.add(store.append(s.id(), NewMessage.user("m" + i)).seq());
        }
        return seqs;
      }));
    }
    start.countDown();
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> f : results) {
      all.addAll(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();

    assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 1600).boxed().toList());
    assertThat(store.getSession(s.id()).messageCount()).isEqualTo(1600);
  }

  @Test
  void refusedInputWritesNothing() {
    ChatSession s = session("carol");
    NewMessage ok = NewMessage.user("fine");
    NewMessage tooLong = NewMessage.user("x".repeat(StoreLimits.DEFAULT_MAX_CONTENT_CHARS + 1));

    assertThatThrownBy(() -> store.appendAll(s.id(), List.of(ok, tooLong)))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("messages[1].content"));
    assertThatThrownBy(() -> store.findSession("../etc")).isInstanceOf(InvalidInputException.class);
    assertThat(store.getSession(s.id()).messageCount()).isZero();
  }

  @Test
  void forksSearchesAndPairsToolCalls() {
    ChatSession s = session("dave");
    Message ask = store.append(s.id(), NewMessage.user("What is the Weather?"));
    store.append(s.id(), NewMessage.builder(dev.chatstore.Role.ASSISTANT)
        .toolCalls(List.of(new ToolCall("c1", "weather", "{\"city\":\"Oslo\"}"),
            new ToolCall("c2", "clock", "{}"))).build());
    store.append(s.id(), NewMessage.tool(ToolResult.success("c1", "weather", "{\"c\":3}")));

    List<ToolExecution> executions = store.toolExecutions(s.id());
    assertThat(executions).extracting(e -> e.call().id()).containsExactly("c1", "c2");
    assertThat(executions.get(0).result()).isPresent();
    assertThat(executions.get(1).isOrphan()).isTrue();

    assertThat(store.searchMessages("dave", "weather", PageRequest.first(10)).items())
        .extracting(Message::id).containsExactly(ask.id());
    assertThat(store.searchMessages("eve", "weather", PageRequest.first(10)).items()).isEmpty();

    ChatSession fork = store.fork(s.id(), ask.id(), "branch");
    assertThat(fork.messageCount()).isEqualTo(1);
    assertThat(fork.forkedFrom().orElseThrow().messageId()).isEqualTo(ask.id());
    assertThat(store.recentMessages(fork.id(), 10)).extracting(Message::content)
        .containsExactly("What is the Weather?");
    assertThat(store.getSession(s.id()).messageCount()).isEqualTo(3);
  }

  @Test
  void deletedSessionsAreHiddenAndReadOnly() {
    ChatSession s = session("erin");
    store.deleteSession(s.id());

    assertThat(store.listSessions(SessionQuery.of("erin")).items()).isEmpty();
    assertThat(store.latestSession("erin")).isEmpty();
    assertThatThrownBy(() -> store.append(s.id(), NewMessage.user("x")))
        .isInstanceOfSatisfying(ConflictException.class,
            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.SESSION_DELETED));
    assertThat(store.restoreSession(s.id()).version()).isEqualTo(3);
  }

  @Test
  void closingEndsOpenStreamsAndRefusesFurtherCalls() {
    ChatSession s = session("frank");
    MessageStream stream = store.openStream(s.id(), StreamOptions.assistant());
    stream.append("half");
    assertThat(store.recoverAbandonedStreams(Duration.ZERO)).as("open streams are not abandoned").isZero();

    store.close();

    assertThatThrownBy(() -> stream.append("more")).isInstanceOfSatisfying(ConflictException.class,
        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STREAM_CLOSED));
    stream.close();
    assertThatThrownBy(() -> store.findSession(s.id())).isInstanceOf(UnavailableException.class);
    store.close();
  }

}
