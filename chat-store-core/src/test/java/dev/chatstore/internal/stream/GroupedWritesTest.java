package dev.chatstore.internal.stream;

import dev.chatstore.spi.StreamEngine;
import static dev.chatstore.internal.stream.Waiting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatStoreException;
import dev.chatstore.ConflictException;
import dev.chatstore.FlushPolicy;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.StoreLimits;
import dev.chatstore.StreamOptions;
import dev.chatstore.spi.InputRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Background writes of many streams go to a grouping sink together, each outcome to its own stream. */
class GroupedWritesTest {
  private static final FlushPolicy EVERY_CHUNK =
      FlushPolicy.defaults().withMaxDelay(Duration.ofHours(1)).withMaxBufferedChars(1);
  private final GroupingSink sink = new GroupingSink(8);
  private final Map<GroupingSink, StreamEngine> engines = new LinkedHashMap<>();

  @AfterEach
  void closeEngines() {
    sink.open();
    sink.throwing(false);
    engines.values().forEach(StreamEngine::close);
  }

  /** The engine writing through {@code into}: one engine per sink, as in a store. */
  private StreamEngine engine(GroupingSink into) {
    return engines.computeIfAbsent(into, s -> new StreamEngine(s, new InputRules(StoreLimits.defaults())));
  }

  private List<MessageStream> open(int count, FlushPolicy policy) {
    return open(sink, count, policy);
  }

  private List<MessageStream> open(GroupingSink into, int count, FlushPolicy policy) {
    List<MessageStream> streams = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      streams.add(engine(into).open("s" + i, StreamOptions.assistant().withFlushPolicy(policy)));
    }
    return streams;
  }

  @Test
  void streamsWaitingTogetherAreWrittenInOneCall() {
    List<MessageStream> streams = open(20, EVERY_CHUNK);
    sink.shut(); // the first writers wait here, so the other streams queue up behind them
    streams.forEach(s -> s.append("a"));
    waitFor(() -> sink.calls() >= 1);
    streams.forEach(s -> s.append("b"));

    sink.open();
    streams.forEach(MessageStream::flush);

    streams.forEach(s -> assertThat(sink.content(s.messageId())).isEqualTo("ab"));
    assertThat(sink.groupSizes()).anyMatch(size -> size > 1).allMatch(size -> size <= 8);
    assertThat(sink.overlapped()).isFalse();
  }

  @Test
  void aWriteWaitingInLineTakesInTheTextAppendedBeforeItsTurn() {
    FlushPolicy twoChars = FlushPolicy.defaults().withMaxDelay(Duration.ofHours(1)).withMaxBufferedChars(2);
    List<MessageStream> streams = open(2, twoChars);
    MessageStream first = streams.get(0);
    MessageStream second = streams.get(1);
    sink.shut(); // the one writer of a grouping sink waits here with the first stream's write
    first.append("ab");
    waitFor(() -> sink.calls() >= 1);
    second.append("12"); // its write waits in line behind the held group
    second.append("3"); // below the size trigger: without taking it in, it would wait for a write of its own

    sink.open();
    second.flush();

    assertThat(sink.content(second.messageId())).isEqualTo("123");
    assertThat(sink.writesOf(second.messageId())).isEqualTo(1);
  }

  @Test
  void aWriteRefusedInAGroupFailsOnlyItsStream() {
    List<MessageStream> streams = open(10, EVERY_CHUNK);
    MessageStream refused = streams.get(5);
    sink.shut();
    streams.forEach(s -> s.append("a"));
    waitFor(() -> sink.calls() >= 1);
    streams.forEach(s -> s.append("b"));
    sink.refuse(refused.messageId());

    sink.open();

    waitFor(() -> failsWith(refused, ConflictException.class));
    for (MessageStream s : streams) {
      if (s != refused) {
        s.flush();
        assertThat(sink.content(s.messageId())).isEqualTo("ab");
        assertThat(s.complete().content()).isEqualTo("ab");
      }
    }
  }

  @Test
  void aGroupCallThatThrowsLeavesEveryStreamItsTextAndIsRetried() {
    List<MessageStream> streams = open(10, FlushPolicy.defaults().withMaxDelay(Duration.ofMillis(5)));
    sink.throwing(true);
    streams.forEach(s -> s.append("kept"));
    waitFor(() -> sink.calls() >= 3);

    sink.throwing(false);

    for (MessageStream s : streams) {
      waitFor(() -> sink.content(s.messageId()).equals("kept"));
      assertThat(s.complete().content()).isEqualTo("kept");
    }
  }

  @Test
  void streamsEndingTogetherAreEndedInOneCallAndEachCallerGetsItsOwnOutcome() throws Exception {
    List<MessageStream> streams = open(12, FlushPolicy.defaults().withMaxDelay(Duration.ofHours(1)));
    streams.forEach(s -> s.append("last words").flush()); // nothing left to write first: straight to the end
    MessageStream refused = streams.get(7);
    sink.refuse(refused.messageId());
    sink.shut(); // the first ends wait here, so the others queue up behind them

    List<Future<Message>> ends = completeAll(streams, sink::finishesStarted);

    for (int i = 0; i < streams.size(); i++) {
      MessageStream s = streams.get(i);
      if (s == refused) {
        assertThatThrownBy(ends.get(i)::get).hasCauseInstanceOf(ConflictException.class);
        assertThat(sink.status(s.messageId())).isNotEqualTo(MessageStatus.COMPLETE);
      } else {
        assertThat(ends.get(i).get(20, TimeUnit.SECONDS).content()).isEqualTo("last words");
        assertThat(sink.status(s.messageId())).isEqualTo(MessageStatus.COMPLETE);
      }
    }
    assertThat(sink.finishGroupSizes()).anyMatch(size -> size > 1).allMatch(size -> size <= 8);
  }

  @Test
  void theLastTextOfStreamsEndingTogetherIsWrittenGroupedBeforeTheirEnds() throws Exception {
    List<MessageStream> streams = open(12, FlushPolicy.defaults().withMaxDelay(Duration.ofHours(1)));
    streams.forEach(s -> s.append("unwritten"));
    MessageStream refused = streams.get(3);
    sink.refuse(refused.messageId());
    sink.shut();

    // the first to end is held at the gate, the others queue their last text behind it
    List<Future<Message>> ends = completeAll(streams, () -> sink.calls() + sink.finishesStarted());

    for (int i = 0; i < streams.size(); i++) {
      MessageStream s = streams.get(i);
      if (s == refused) { // refused at its last write: its end never came
        assertThatThrownBy(ends.get(i)::get).hasCauseInstanceOf(ConflictException.class);
        assertThat(sink.status(s.messageId())).isEqualTo(MessageStatus.PENDING);
      } else {
        assertThat(ends.get(i).get(20, TimeUnit.SECONDS).content()).isEqualTo("unwritten");
      }
    }
    assertThat(sink.groupSizes()).anyMatch(size -> size > 1);
    assertThat(sink.overlapped()).isFalse();
  }

  @Test
  void aWriteDueBehindManyEndsWaitsForOneSmallGroupOfThemAtMost() throws Exception {
    GroupingSink wide = new GroupingSink(64); // groups writes of up to 64: ends are still taken 8 at a time
    List<MessageStream> enders = open(wide, 40, FlushPolicy.defaults().withMaxDelay(Duration.ofHours(1)));
    enders.forEach(s -> s.append("done").flush()); // nothing left to write first: straight to the end
    MessageStream writer = engine(wide).open("w", StreamOptions.assistant().withFlushPolicy(EVERY_CHUNK));
    wide.shut();

    List<Future<Message>> ends = completeAll(enders, wide, wide::finishesStarted, () -> writer.append("text"));
    writer.flush();

    for (Future<Message> end : ends) {
      assertThat(end.get(20, TimeUnit.SECONDS).content()).isEqualTo("done");
    }
    assertThat(wide.content(writer.messageId())).isEqualTo("text");
    List<String> calls = wide.callKinds();
    List<String> fromFirstEnd = calls.subList(calls.indexOf("end"), calls.size());
    // the held group of ends, then the write, then the other ends: not the write after all of them
    assertThat(fromFirstEnd.get(1)).isEqualTo("write");
    assertThat(fromFirstEnd.subList(2, fromFirstEnd.size())).containsOnly("end").hasSizeGreaterThanOrEqualTo(2);
    assertThat(wide.finishGroupSizes()).allMatch(size -> size <= GroupQueue.MAX_GROUPED_EDGES);
  }

  private List<Future<Message>> completeAll(List<MessageStream> streams, IntSupplier held) throws Exception {
    return completeAll(streams, sink, held, () -> { });
  }

  /**
   * Completes every stream from its own thread while {@code gated}'s gate is shut, waits until the first
   * call is held ({@code held} counts them) and the others had time to queue, runs
   * {@code thenBeforeOpening}, then opens the gate.
   */
  private List<Future<Message>> completeAll(List<MessageStream> streams, GroupingSink gated, IntSupplier held,
      Runnable thenBeforeOpening) throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(streams.size());
    CountDownLatch calling = new CountDownLatch(streams.size());
    List<Future<Message>> ends = new ArrayList<>();
    for (MessageStream s : streams) {
      ends.add(callers.submit(() -> {
        calling.countDown();
        return s.complete();
      }));
    }
    callers.shutdown();
    calling.await();
    waitFor(() -> held.getAsInt() >= 1);
    Thread.sleep(100); // the callers are past the count-down: let them reach the queue
    thenBeforeOpening.run();
    gated.open();
    return ends;
  }

  @Test
  void flushesWaitingTogetherShareOneGroupCall() throws Exception {
    FlushPolicy onlyOnFlush = FlushPolicy.defaults().withMaxDelay(Duration.ofHours(1));
    List<MessageStream> streams = open(5, onlyOnFlush);
    streams.forEach(s -> s.append("flushed"));
    sink.shut();
    Thread first = flushing(streams.get(0)); // its write is held at the gate: the others wait for the writer
    waitFor(() -> sink.calls() >= 1);
    List<Thread> others = streams.subList(1, 5).stream().map(GroupedWritesTest::flushing).toList();
    others.forEach(t -> waitFor(() -> t.getState() == Thread.State.WAITING));

    sink.open();
    first.join();
    for (Thread t : others) {
      t.join();
    }

    assertThat(sink.groupSizes()).containsExactly(1, 4);
    streams.forEach(s -> assertThat(sink.content(s.messageId())).isEqualTo("flushed"));
  }

  @Test
  void anEndTakesInABackgroundWriteStillWaitingForItsGroup() throws Exception {
    MessageStream held = engine(sink).open("held", StreamOptions.assistant().withFlushPolicy(EVERY_CHUNK));
    MessageStream ending = engine(sink).open("ending", StreamOptions.assistant().withFlushPolicy(EVERY_CHUNK));
    sink.shut();
    held.append("a"); // its background write is held at the gate
    waitFor(() -> sink.calls() >= 1);
    ending.append("b"); // its background write waits for the writer

    List<Message> ended = new ArrayList<>();
    Thread completing = new Thread(() -> ended.add(ending.complete()));
    completing.start();
    waitFor(() -> completing.getState() == Thread.State.WAITING);
    sink.open();
    completing.join();

    assertThat(ended).extracting(Message::content).containsExactly("b");
    assertThat(sink.writesOf(ending.messageId())).as("the end wrote the text itself").isZero();
    assertThat(sink.status(ending.messageId())).isEqualTo(MessageStatus.COMPLETE);
    held.flush();
    assertThat(sink.content(held.messageId())).isEqualTo("a");
  }

  @Test
  void aWriteWaitingForItsGroupTakesInTheTextThatArrivesMeanwhile() {
    MessageStream held = engine(sink).open("held", StreamOptions.assistant().withFlushPolicy(EVERY_CHUNK));
    MessageStream waiting = engine(sink).open("waiting", StreamOptions.assistant().withFlushPolicy(EVERY_CHUNK));
    sink.shut();
    held.append("a"); // its background write is held at the gate
    waitFor(() -> sink.calls() >= 1);
    waiting.append("b").append("c").append("d"); // each a size trigger while its write waits

    sink.open();
    waiting.flush();

    assertThat(sink.content(waiting.messageId())).isEqualTo("bcd");
    assertThat(sink.writesOf(waiting.messageId())).isEqualTo(1);
  }

  /** A started thread flushing {@code stream}. */
  private static Thread flushing(MessageStream stream) {
    Thread thread = new Thread(stream::flush);
    thread.start();
    return thread;
  }

  @Test
  void aSinkThatDoesNotGroupIsWrittenOneStreamAtATime() {
    GroupingSink single = new GroupingSink(1);
    List<MessageStream> streams = open(single, 20, EVERY_CHUNK);
    single.shut();
    streams.forEach(s -> s.append("a"));
    waitFor(() -> single.calls() >= 1);
    single.open();
    streams.forEach(MessageStream::flush);

    assertThat(single.groupSizes()).containsOnly(1);
    streams.forEach(s -> assertThat(single.content(s.messageId())).isEqualTo("a"));
  }

  private static boolean failsWith(MessageStream stream, Class<? extends ChatStoreException> type) {
    try {
      stream.append(""); // does nothing, but reports a background write's failure
      return false;
    } catch (ChatStoreException e) {
      assertThat(e).isInstanceOf(type);
      return true;
    }
  }
}
