package dev.chatstore.internal.stream;

import dev.chatstore.NewMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.Role;
import dev.chatstore.StreamOptions;
import dev.chatstore.UnavailableException;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.spi.Ids;
import dev.chatstore.spi.StreamDelta;
import dev.chatstore.spi.StreamSink;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The group committer on an executor the test runs by hand: which sink calls it makes and which future
 * gets which outcome, with no threads.
 */
class GroupCommitterTest {
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private final Executor byHand = tasks::add;

  private void runTasks() {
    while (!tasks.isEmpty()) {
      tasks.poll().run();
    }
  }

  private static StreamSink.Write write(String messageId) {
    return new StreamSink.Write("s", messageId, StreamDelta.of("text of " + messageId, List.of()));
  }

  private static StreamSink.Finish finish(String messageId) {
    return new StreamSink.Finish("s", messageId, StreamDelta.EMPTY, MessageStatus.COMPLETE, MessageMetadata.empty());
  }

  @Test
  void writesWaitingTogetherAreOneSinkCallAndEachFutureGetsItsOwnOutcome() {
    RecordingSink sink = new RecordingSink(64);
    sink.refuse("m2");
    GroupCommitter committer = new GroupCommitter(sink, byHand, 4);

    List<CompletableFuture<Void>> writes =
        IntStream.rangeClosed(1, 3).mapToObj(i -> committer.write(write("m" + i), false)).toList();
    assertThat(sink.calls()).isEmpty();
    runTasks();

    assertThat(sink.calls()).containsExactly("writeAll[m1, m2, m3]");
    assertThat(writes.get(0)).isCompleted();
    assertThat(writes.get(2)).isCompleted();
    assertThatThrownBy(() -> GroupCommitter.await(writes.get(1))).isInstanceOf(ConflictException.class);
  }

  @Test
  void aGroupingSinkHasOneWriterSoOneGroupRunsAtATime() {
    RecordingSink sink = new RecordingSink(64);
    GroupCommitter committer = new GroupCommitter(sink, byHand, 4);

    committer.write(write("m1"), false);
    committer.finish(finish("m2"));
    committer.write(write("m3"), true);

    assertThat(tasks).hasSize(1);
    runTasks();
    assertThat(sink.calls()).containsExactly("writeAll[m1, m3]", "finish[m2]");
  }

  @Test
  void beginsAndEndsAreGroupedEightAtATime() {
    RecordingSink sink = new RecordingSink(64);
    GroupCommitter committer = new GroupCommitter(sink, byHand, 4);

    List<CompletableFuture<Message>> begins = IntStream.rangeClosed(1, 10)
        .mapToObj(i -> committer.begin(new StreamSink.Begin("s" + i, Ids.next(), StreamOptions.assistant()))).toList();
    runTasks();

    assertThat(sink.calls()).containsExactly("beginAll[s1, s2, s3, s4, s5, s6, s7, s8]", "beginAll[s9, s10]");
    for (int i = 0; i < begins.size(); i++) {
      assertThat(GroupCommitter.await(begins.get(i)).sessionId()).isEqualTo("s" + (i + 1));
    }
  }

  @Test
  void aGroupCallThatThrowsFailsEveryFutureOfTheGroup() {
    RecordingSink sink = new RecordingSink(64);
    sink.throwFromGroups(new UnavailableException("the transaction failed"));
    GroupCommitter committer = new GroupCommitter(sink, byHand, 4);

    CompletableFuture<Void> first = committer.write(write("m1"), false);
    CompletableFuture<Void> second = committer.write(write("m2"), false);
    runTasks();

    assertThatThrownBy(() -> GroupCommitter.await(first)).hasMessage("the transaction failed");
    assertThatThrownBy(() -> GroupCommitter.await(second)).hasMessage("the transaction failed");
  }

  @Test
  void anErrorFromTheSinkReachesEveryFutureAsUnavailable() {
    RecordingSink sink = new RecordingSink(64);
    sink.throwFromGroups(new OutOfMemoryError("simulated"));
    GroupCommitter committer = new GroupCommitter(sink, byHand, 4);

    CompletableFuture<Message> first = committer.finish(finish("m1"));
    CompletableFuture<Message> second = committer.finish(finish("m2"));
    runTasks();

    assertThatThrownBy(() -> GroupCommitter.await(first)).isInstanceOf(UnavailableException.class)
        .hasRootCauseInstanceOf(OutOfMemoryError.class);
    assertThatThrownBy(() -> GroupCommitter.await(second)).isInstanceOf(UnavailableException.class);
  }

  @Test
  void anIndexTheSinkGaveNoOutcomeForFailsRatherThanWaitingForever() {
    RecordingSink sink = new RecordingSink(64);
    sink.forget("m2");
    GroupCommitter committer = new GroupCommitter(sink, byHand, 4);

    CompletableFuture<Message> kept = committer.finish(finish("m1"));
    CompletableFuture<Message> forgotten = committer.finish(finish("m2"));
    runTasks();

    assertThat(GroupCommitter.await(kept).status()).isEqualTo(MessageStatus.COMPLETE);
    assertThatThrownBy(() -> GroupCommitter.await(forgotten)).isInstanceOf(UnavailableException.class)
        .hasMessageContaining("no outcome");
  }

  @Test
  void aSinkThatDoesNotGroupRunsWaitedForCallsOnTheCallersThreadAndBackgroundWritesOnTheExecutor() {
    RecordingSink sink = new RecordingSink(1);
    GroupCommitter committer = new GroupCommitter(sink, byHand, 4);

    CompletableFuture<Message> begun = committer.begin(new StreamSink.Begin("s1", Ids.next(), StreamOptions.assistant()));
    CompletableFuture<Void> flushed = committer.write(write("m1"), true);
    CompletableFuture<Message> ended = committer.finish(finish("m1"));
    assertThat(List.of(begun, flushed, ended)).allMatch(CompletableFuture::isDone);
    assertThat(sink.threads()).containsOnly(Thread.currentThread().getName());

    CompletableFuture<Void> background = committer.write(write("m2"), false);
    CompletableFuture<Void> another = committer.write(write("m3"), false);
    assertThat(background).isNotDone();
    assertThat(tasks).as("a writer each, side by side").hasSize(2);
    runTasks();

    assertThat(sink.calls()).containsExactly("begin[s1]", "write[m1]", "finish[m1]", "write[m2]", "write[m3]");
    assertThat(another).isCompleted();
  }

  @Test
  void onceTheExecutorRefusesWorkCallsRunOnTheCallersThread() {
    RecordingSink sink = new RecordingSink(64);
    GroupCommitter committer = new GroupCommitter(sink, task -> {
      throw new RejectedExecutionException("shut down");
    }, 4);

    CompletableFuture<Void> written = committer.write(write("m1"), false);
    CompletableFuture<Message> ended = committer.finish(finish("m1"));

    assertThat(written).isCompleted();
    assertThat(ended).isCompleted();
    assertThat(sink.calls()).containsExactly("write[m1]", "finish[m1]");
  }

  @Test
  void aWithdrawnWriteNeverReachesTheSink() {
    RecordingSink sink = new RecordingSink(64);
    GroupCommitter committer = new GroupCommitter(sink, byHand, 4);

    CompletableFuture<Void> kept = committer.write(write("m1"), false);
    CompletableFuture<Void> withdrawn = committer.write(write("m2"), false);
    assertThat(committer.withdraw(withdrawn)).isTrue();
    runTasks();

    assertThat(sink.calls()).containsExactly("write[m1]");
    assertThat(withdrawn).isNotDone();
    assertThat(committer.withdraw(kept)).as("already written").isFalse();
  }

  @Test
  void aWaitingWriteReplacedByABiggerOneIsWrittenOnceAsTheBiggerOne() {
    RecordingSink sink = new RecordingSink(64);
    GroupCommitter committer = new GroupCommitter(sink, byHand, 4);

    CompletableFuture<Void> small = committer.write(write("m1"), false);
    committer.write(write("m2"), false);
    CompletableFuture<Void> bigger = committer.replace(small, write("m1+")).orElseThrow();
    runTasks();

    assertThat(sink.calls()).containsExactly("writeAll[m1+, m2]");
    assertThat(bigger).isCompleted();
    assertThat(small).isNotDone();
    assertThat(committer.replace(bigger, write("m1++"))).as("already written").isEmpty();
  }

  @Test
  void beginsAndEndsAreBusyFromSubmissionUntilTheirCallReturns() {
    RecordingSink sink = new RecordingSink(64);
    GroupCommitter committer = new GroupCommitter(sink, byHand, 4);
    committer.write(write("m1"), false);
    assertThat(committer.edgesBusy()).isFalse();

    committer.finish(finish("m2"));
    assertThat(committer.edgesBusy()).isTrue();

    runTasks();
    assertThat(committer.edgesBusy()).isFalse();
  }

  /** A sink that records its calls; grouping up to {@code maxGroup}; it can refuse, forget or throw. */
  private static final class RecordingSink implements StreamSink {
    private final int maxGroup;
    private final List<String> calls = new ArrayList<>();
    private final Set<String> threads = new HashSet<>();
    private final Set<String> refused = new HashSet<>();
    private final Set<String> forgotten = new HashSet<>();
    private Throwable groupFailure;
    private int seq;

    RecordingSink(int maxGroup) {
      this.maxGroup = maxGroup;
    }

    void refuse(String messageId) {
      refused.add(messageId);
    }

    void forget(String messageId) {
      forgotten.add(messageId);
    }

    void throwFromGroups(Throwable failure) {
      groupFailure = failure;
    }

    List<String> calls() {
      return calls;
    }

    Set<String> threads() {
      return threads;
    }

    @Override
    public int maxGroupedWrites() {
      return maxGroup;
    }

    @Override
    public Message begin(String sessionId, String messageId, StreamOptions options) {
      record("begin", List.of(sessionId));
      return message(sessionId, messageId, MessageStatus.PENDING);
    }

    @Override
    public Results beginAll(List<Begin> begins) {
      record("beginAll", begins.stream().map(Begin::sessionId).toList());
      throwIfAsked();
      Map<Integer, Message> messages = new HashMap<>();
      for (int i = 0; i < begins.size(); i++) {
        messages.put(i, message(begins.get(i).sessionId(), begins.get(i).messageId(), MessageStatus.PENDING));
      }
      return new Results(messages, Map.of());
    }

    @Override
    public void write(String sessionId, String messageId, StreamDelta delta) {
      record("write", List.of(messageId));
      if (refused.contains(messageId)) {
        throw refusal(messageId);
      }
    }

    @Override
    public Map<Integer, RuntimeException> writeAll(List<Write> writes) {
      record("writeAll", writes.stream().map(Write::messageId).toList());
      throwIfAsked();
      Map<Integer, RuntimeException> failures = new HashMap<>();
      for (int i = 0; i < writes.size(); i++) {
        if (refused.contains(writes.get(i).messageId())) {
          failures.put(i, refusal(writes.get(i).messageId()));
        }
      }
      return failures;
    }

    @Override
    public Message finish(String sessionId, String messageId, StreamDelta delta, MessageStatus status,
        MessageMetadata metadata) {
      record("finish", List.of(messageId));
      return message(sessionId, messageId, status);
    }

    @Override
    public Results finishAll(List<Finish> finishes) {
      record("finishAll", finishes.stream().map(Finish::messageId).toList());
      throwIfAsked();
      Map<Integer, Message> messages = new HashMap<>();
      for (int i = 0; i < finishes.size(); i++) {
        Finish f = finishes.get(i);
        if (!forgotten.contains(f.messageId())) {
          messages.put(i, message(f.sessionId(), f.messageId(), f.status()));
        }
      }
      return new Results(messages, Map.of());
    }

    private void record(String call, List<String> ids) {
      calls.add(call + ids);
      threads.add(Thread.currentThread().getName());
    }

    private void throwIfAsked() {
      if (groupFailure instanceof RuntimeException e) {
        throw e;
      }
      if (groupFailure instanceof Error e) {
        throw e;
      }
    }

    private static ConflictException refusal(String messageId) {
      return new ConflictException(ConflictException.Reason.STREAM_CLOSED, "refused: " + messageId);
    }

    private Message message(String sessionId, String messageId, MessageStatus status) {
      return new Message(messageId, sessionId, ++seq, Role.ASSISTANT, List.of(), status, List.of(), List.of(), MessageMetadata.empty(), NewMessage.NO_ATTRIBUTES, Optional.empty(), Instant.EPOCH, Instant.EPOCH);
    }
  }
}
