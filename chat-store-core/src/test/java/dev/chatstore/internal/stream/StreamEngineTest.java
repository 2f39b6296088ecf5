package dev.chatstore.internal.stream;

import dev.chatstore.spi.StreamEngine;
import static dev.chatstore.internal.stream.Waiting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ConflictException;
import dev.chatstore.FlushPolicy;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.Role;
import dev.chatstore.StoreLimits;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import dev.chatstore.UnavailableException;
import dev.chatstore.spi.InputRules;
import dev.chatstore.metadata.JsonLimits;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamEngineTest {
  private static final Duration NEVER = Duration.ofHours(1);
  private final FakeSink sink = new FakeSink();
  private StreamEngine engine = new StreamEngine(sink, new InputRules(StoreLimits.defaults()));

  @AfterEach
  void closeEngine() {
    sink.open();
    sink.failing(false);
    engine.close();
  }

  private MessageStream open(FlushPolicy policy) {
    return engine.open("s1", StreamOptions.assistant().withFlushPolicy(policy));
  }

  private static FlushPolicy bySize(int chars) {
    return FlushPolicy.defaults().withMaxDelay(NEVER).withMaxBufferedChars(chars);
  }

  @Test
  void coalescesTinyAppendsIntoFewWritesInOrder() {
    MessageStream stream = open(bySize(100));
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      String chunk = i + ",";
      stream.append(chunk);
      expected.append(chunk);
    }
    stream.flush();

    assertThat(sink.content()).isEqualTo(expected.toString());
    assertThat(sink.writes()).isLessThanOrEqualTo(expected.length() / 100 + 2);
    assertThat(sink.overlapped()).isFalse();
  }

  @Test
  void beginsThePendingMessageBeforeReturning() {
    MessageStream stream = open(FlushPolicy.defaults());

    assertThat(sink.status()).isEqualTo(MessageStatus.PENDING);
    assertThat(stream.seq()).isEqualTo(1);
    assertThat(stream.sessionId()).isEqualTo("s1");
    assertThat(engine.isOpen(stream.messageId())).isTrue();
    assertThat(engine.isOpen("s1", stream.messageId())).isTrue();
    assertThat(engine.isOpen("s2", stream.messageId())).isFalse();
  }

  @Test
  void aStalledStreamIsWrittenByTheTimer() {
    MessageStream stream = open(FlushPolicy.defaults().withMaxDelay(Duration.ofMillis(20)));
    stream.append("hello");

    waitFor(() -> sink.content().equals("hello"));
    assertThat(sink.status()).isEqualTo(MessageStatus.STREAMING);
    assertThat(sink.writerThreads()).allSatisfy(name -> assertThat(name).startsWith("chat-store-stream-flusher"));
  }

  @Test
  void flushReturnsOnceEverythingIsWritten() {
    MessageStream stream = open(bySize(1_000_000));
    stream.append("one ").append("two ");
    stream.addToolCall(new ToolCall("c1", "search", "{\"q\":1}"));
    stream.flush();

    assertThat(sink.content()).isEqualTo("one two ");
    assertThat(sink.calls()).extracting(ToolCall::id).containsExactly("c1");
    stream.flush(); // nothing new: no error, no extra write
    assertThat(sink.writes()).isEqualTo(1);
  }

  @Test
  void completeWritesTheRestAndKeepsTheOptionsMetadata() {
    MessageMetadata meta = MessageMetadata.builder().model("m1").build();
    MessageStream stream = engine.open("s1",
        StreamOptions.assistant().withMetadata(meta).withFlushPolicy(bySize(1000)));
    stream.append("Hi");

    Message done = stream.complete();

    assertThat(done.content()).isEqualTo("Hi");
    assertThat(done.status()).isEqualTo(MessageStatus.COMPLETE);
    assertThat(sink.metadata()).isEqualTo(meta);
    assertThat(engine.isOpen(stream.messageId())).isFalse();
  }

  @Test
  void completeWithMetadataReplacesIt() {
    MessageStream stream = open(bySize(1000));
    MessageMetadata last = MessageMetadata.builder().finishReason("stop").usage(3, 4).build();

    stream.append("x").complete(last);

    assertThat(sink.metadata()).isEqualTo(last);
    assertThat(sink.status()).isEqualTo(MessageStatus.COMPLETE);
  }

  @Test
  void failKeepsContentAndRecordsTheError() {
    MessageStream stream = open(bySize(1000));
    stream.append("partial");

    Message failed = stream.fail("model timed out");

    assertThat(failed.status()).isEqualTo(MessageStatus.ERROR);
    assertThat(failed.content()).isEqualTo("partial");
    assertThat(sink.metadata().error()).contains("model timed out");
  }

  @Test
  void closeWithoutCompletingInterruptsAndKeepsContent() {
    MessageStream stream = open(bySize(1000));
    try (MessageStream s = stream) {
      s.append("so far");
    }

    assertThat(sink.status()).isEqualTo(MessageStatus.INTERRUPTED);
    assertThat(sink.content()).isEqualTo("so far");
    assertThat(engine.isOpen(stream.messageId())).isFalse();
  }

  @Test
  void everyCallAfterTheEndButCloseIsAConflict() {
    MessageStream stream = open(bySize(1000));
    stream.complete();

    stream.close(); // no-op
    assertThat(sink.finishes()).isEqualTo(1);
    assertThat(sink.status()).isEqualTo(MessageStatus.COMPLETE);
    List<Runnable> calls = List.of(
        () -> stream.append("x"),
        () -> stream.append(""),
        () -> stream.addToolCall(new ToolCall("c", "t", "{}")),
        stream::flush,
        stream::complete,
        () -> stream.complete(MessageMetadata.empty()),
        () -> stream.fail("e"));
    for (Runnable call : calls) {
      assertThatThrownBy(call::run).isInstanceOfSatisfying(ConflictException.class,
          e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STREAM_CLOSED));
    }
  }

  @Test
  void nullChunkIsRefusedAndEmptyChunkIsNothing() {
    MessageStream stream = open(bySize(1));

    assertThatThrownBy(() -> stream.append(null)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("chunk"));
    stream.append("");
    stream.flush();
    assertThat(sink.writes()).isZero();
  }

  @Test
  void aChunkPastTheContentLimitIsRefusedAndTheStreamStaysOpen() {
    engine.close();
    engine = new StreamEngine(sink, new InputRules(StoreLimits.defaults().withMaxContentChars(10)));
    MessageStream stream = open(bySize(3));
    stream.append("12345678");

    assertThatThrownBy(() -> stream.append("abc")).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("chunk"));
    stream.append("ab");
    assertThat(stream.complete().content()).isEqualTo("12345678ab");
  }

  @Test
  void toolCallsAreCheckedAgainstTheLimits() {
    StoreLimits limits = StoreLimits.defaults().withMaxContentChars(1000).withMaxToolCallsPerMessage(2).withMaxBatchSize(10)
        .withDocuments(new JsonLimits(20, 4, 10));
    engine.close();
    engine = new StreamEngine(sink, new InputRules(limits));
    MessageStream stream = open(bySize(1000));

    assertThatThrownBy(() -> stream.addToolCall(new ToolCall("c0", "t", "{\"a\":\"" + "x".repeat(30) + "\"}")))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("call.argumentsJson"));
    stream.addToolCall(new ToolCall("c1", "t", "{}")).addToolCall(new ToolCall("c2", "t", "[]"));
    assertThatThrownBy(() -> stream.addToolCall(new ToolCall("c3", "t", "{}")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("toolCalls"));

    assertThat(stream.complete().toolCalls()).extracting(ToolCall::id).containsExactly("c1", "c2");
  }

  @Test
  void onlyAssistantStreamsCarryToolCalls() {
    MessageStream stream = engine.open("s1", StreamOptions.of(Role.USER));

    assertThatThrownBy(() -> stream.addToolCall(new ToolCall("c1", "t", "{}")))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void appendBlocksWhileTooMuchIsUnwrittenThenGivesUp() {
    sink.shut();
    FlushPolicy policy = new FlushPolicy(10, NEVER, 20, Duration.ofMillis(50));
    MessageStream stream = open(policy);
    stream.append("0123456789"); // size trigger: the background write blocks in the sink
    stream.append("abcdefghij"); // 20 unwritten: still allowed

    assertThatThrownBy(() -> stream.append("!")).isInstanceOf(UnavailableException.class);

    sink.open();
    stream.flush();
    assertThat(sink.content()).isEqualTo("0123456789abcdefghij");
    stream.append("!");
    assertThat(stream.complete().content()).isEqualTo("0123456789abcdefghij!");
  }

  @Test
  void aBlockedAppendGoesOnOnceStorageCatchesUp() throws Exception {
    sink.shut();
    FlushPolicy policy = new FlushPolicy(10, NEVER, 20, Duration.ofMinutes(1));
    MessageStream stream = open(policy);
    stream.append("0123456789").append("abcdefghij");
    ExecutorService producer = Executors.newSingleThreadExecutor();
    try {
      Future<?> blocked = producer.submit(() -> stream.append("KLMNO"));
      sink.open();
      blocked.get(30, TimeUnit.SECONDS);
    } finally {
      producer.shutdownNow();
    }
    assertThat(stream.complete().content()).isEqualTo("0123456789abcdefghijKLMNO");
  }

  @Test
  void aFailedBackgroundWriteSurfacesAtTheNextCallAndIsRetried() {
    MessageStream stream = open(FlushPolicy.defaults().withMaxDelay(Duration.ofMillis(5)));
    stream.append("kept ");
    stream.flush();
    sink.failing(true);
    stream.append("later");

    // A second attempt starts only once the first one's failure was handed back to the stream.
    waitFor(() -> sink.failedAttempts() > 1);
    assertThatThrownBy(() -> stream.append("refused")).isInstanceOf(UnavailableException.class);
    assertThat(sink.content()).isEqualTo("kept ");

    sink.failing(false);
    stream.flush();
    assertThat(sink.content()).isEqualTo("kept later");
    assertThat(stream.complete().content()).isEqualTo("kept later");
  }

  @Test
  void backgroundRetriesRecoverOnTheirOwn() {
    MessageStream stream = open(FlushPolicy.defaults().withMaxDelay(Duration.ofMillis(5)));
    sink.failing(true);
    stream.append("abc");
    waitFor(() -> sink.failedAttempts() > 0);

    sink.failing(false);

    waitFor(() -> sink.content().equals("abc"));
    stream.append("d"); // the failure was healed by the retry: nothing to report
    assertThat(stream.complete().content()).isEqualTo("abcd");
  }

  @Test
  void aFailedCompleteLeavesTheStreamOpenForAnotherTry() {
    MessageStream stream = open(bySize(1000));
    stream.append("text");
    sink.failing(true);

    assertThatThrownBy(stream::complete).isInstanceOf(UnavailableException.class);
    assertThat(engine.isOpen(stream.messageId())).isTrue();

    sink.failing(false);
    assertThat(stream.complete().content()).isEqualTo("text");
  }

  @Test
  void aFailedFlushThrowsAndKeepsTheText() {
    MessageStream stream = open(bySize(1000));
    stream.append("text");
    sink.failing(true);

    assertThatThrownBy(stream::flush).isInstanceOf(UnavailableException.class);

    sink.failing(false);
    stream.flush();
    assertThat(sink.content()).isEqualTo("text");
  }

  @Test
  void concurrentAppendersLoseNothingAndNeverOverlapWrites() throws Exception {
    MessageStream stream = open(new FlushPolicy(64, Duration.ofMillis(1), 4096, Duration.ofMinutes(1)));
    int threads = 8;
    int perThread = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perThread; i++) {
          stream.append("<" + id + ":" + i + ">");
          if (i % 100 == 0) {
            stream.flush();
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    String content = stream.complete().content();

    assertThat(sink.overlapped()).isFalse();
    for (int t = 0; t < threads; t++) {
      int from = -1;
      for (int i = 0; i < perThread; i++) {
        String token = "<" + t + ":" + i + ">";
        int at = content.indexOf(token);
        assertThat(at).as(token).isGreaterThan(from);
        assertThat(content.indexOf(token, at + 1)).as(token + " once").isEqualTo(-1);
        from = at;
      }
    }
  }

  @Test
  void closingTheEngineInterruptsOpenStreams() {
    MessageStream stream = open(bySize(1000));
    stream.append("unfinished");

    engine.close();

    assertThat(sink.status()).isEqualTo(MessageStatus.INTERRUPTED);
    assertThat(sink.content()).isEqualTo("unfinished");
    assertThat(engine.isOpen(stream.messageId())).isFalse();
    assertThatThrownBy(() -> stream.append("x")).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> open(bySize(10))).isInstanceOf(UnavailableException.class);
    engine.close(); // idempotent
  }
}
