package dev.chatstore.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.MessageStatus;
import dev.chatstore.StreamOptions;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.spi.Ids;
import dev.chatstore.spi.StreamDelta;
import dev.chatstore.spi.StreamSink;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which waiting calls make the next group: the rules alone, no threads. */
class GroupQueueTest {
  private static Job write(String messageId) {
    return new Job.WriteJob(new StreamSink.Write("s", messageId, StreamDelta.of("text", List.of())));
  }

  private static Job begin(String sessionId) {
    return new Job.BeginJob(new StreamSink.Begin(sessionId, Ids.next(), StreamOptions.assistant()));
  }

  private static Job end(String messageId) {
    return new Job.FinishJob(new StreamSink.Finish("s", messageId, StreamDelta.EMPTY, MessageStatus.COMPLETE,
        MessageMetadata.empty()));
  }

  private static List<String> ids(List<Job> group) {
    return group.stream().map(job -> switch (job.kind()) {
      case BEGIN -> ((Job.BeginJob) job).call().sessionId();
      case WRITE -> ((Job.WriteJob) job).call().messageId();
      case END -> ((Job.FinishJob) job).call().messageId();
    }).toList();
  }

  @Test
  void writesWaitingTogetherMakeOneGroupOldestFirstUpToTheSinksLimit() {
    GroupQueue queue = new GroupQueue(3);
    for (int i = 1; i <= 5; i++) {
      queue.add(write("w" + i));
    }

    assertThat(ids(queue.take())).containsExactly("w1", "w2", "w3");
    assertThat(ids(queue.take())).containsExactly("w4", "w5");
    assertThat(queue.take()).isEmpty();
  }

  @Test
  void beginsAndEndsComeAtMostEightToAGroupWhateverTheSinkTakes() {
    GroupQueue queue = new GroupQueue(64);
    for (int i = 1; i <= 10; i++) {
      queue.add(end("e" + i));
    }

    List<Job> first = queue.take();

    assertThat(first).hasSize(GroupQueue.MAX_GROUPED_EDGES);
    assertThat(ids(first)).startsWith("e1").endsWith("e8");
    assertThat(ids(queue.take())).containsExactly("e9", "e10");
  }

  @Test
  void writesAndBeginsOrEndsTakeTurnsWhenBothWait() {
    GroupQueue queue = new GroupQueue(64);
    for (int i = 1; i <= 12; i++) {
      queue.add(end("e" + i));
    }
    queue.add(write("w1"));

    List<Job> first = queue.take();
    queue.add(write("w2"));

    assertThat(ids(first)).as("writes first: nothing was written before").containsExactly("w1");
    assertThat(ids(queue.take())).hasSize(8).startsWith("e1");
    assertThat(ids(queue.take())).as("a write waits behind one group of ends at most").containsExactly("w2");
    assertThat(ids(queue.take())).containsExactly("e9", "e10", "e11", "e12");
  }

  @Test
  void aGroupHoldsOneKindOnly() {
    GroupQueue queue = new GroupQueue(64);
    queue.add(begin("b1"));
    queue.add(end("e1"));
    queue.add(begin("b2"));

    assertThat(ids(queue.take())).containsExactly("b1", "b2");
    assertThat(ids(queue.take())).containsExactly("e1");
  }

  @Test
  void aSinkThatDoesNotGroupGetsOneCallAtATimeOldestFirst() {
    GroupQueue queue = new GroupQueue(1);
    queue.add(write("w1"));
    queue.add(write("w2"));

    assertThat(ids(queue.take())).containsExactly("w1");
    assertThat(ids(queue.take())).containsExactly("w2");
  }

  @Test
  void aWaitingCallCanBeWithdrawnUntilAGroupTakesIt() {
    GroupQueue queue = new GroupQueue(8);
    Job first = write("w1");
    Job second = write("w2");
    queue.add(first);

    List<Job> taken = queue.take();
    queue.add(second);

    assertThat(queue.withdraw(first.result())).isFalse();
    assertThat(taken).containsExactly(first);
    assertThat(queue.withdraw(second.result())).isTrue();
    assertThat(queue.take()).isEmpty();
  }

  @Test
  void aWaitingWriteCanBeReplacedInItsPlaceUntilAGroupTakesIt() {
    GroupQueue queue = new GroupQueue(1);
    Job first = write("w1");
    queue.add(first);
    queue.add(write("w2"));

    assertThat(queue.replace(first.result(), write("w1 grown"))).isTrue();
    assertThat(ids(queue.take())).containsExactly("w1 grown");
    assertThat(queue.replace(first.result(), write("again"))).isFalse();
    assertThat(ids(queue.take())).containsExactly("w2");
  }

  @Test
  void beginsAndEndsAreBusyWhileTheyWaitOrAreBeingWritten() {
    GroupQueue queue = new GroupQueue(8);
    queue.add(write("w1"));
    assertThat(queue.edgesBusy()).isFalse();

    queue.add(end("e1"));
    assertThat(queue.edgesBusy()).isTrue();

    List<Job> writes = queue.take();
    List<Job> ends = queue.take();
    queue.done(writes);
    assertThat(queue.edgesBusy()).as("the end is being written").isTrue();

    queue.done(ends);
    assertThat(queue.edgesBusy()).isFalse();
  }
}
