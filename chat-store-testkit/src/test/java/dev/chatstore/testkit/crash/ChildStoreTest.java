package dev.chatstore.testkit.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.SessionStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness itself, on the in-memory store (nothing survives, so only what the child reports is
 * checked): it reads every report a killed child printed, releases a holder, and fails clearly.
 */
class ChildStoreTest {
  /** The in-memory store: the location is ignored. */
  public static final class InMemory implements StoreFactory {
    @Override
    public SessionStore open(String location) {
      return SessionStore.inMemory();
    }
  }

  /** A store that prints on stdout as it opens, as a chatty library might. */
  public static final class Chatty implements StoreFactory {
    @Override
    public SessionStore open(String location) {
      System.out.println("SESSION not-a-session");
      System.out.println("ACK 7 not-a-message");
      return SessionStore.inMemory();
    }
  }

  /** A backend whose store cannot be opened. */
  public static final class Broken implements StoreFactory {
    @Override
    public SessionStore open(String location) {
      throw new IllegalStateException("no store at " + location);
    }
  }

  /** Not buildable by name: no public no-argument constructor. */
  public static final class NeedsArgument implements StoreFactory {
    public NeedsArgument(String location) {}

    @Override
    public SessionStore open(String location) {
      return SessionStore.inMemory();
    }
  }

  @Test
  void aKilledChildsAcknowledgedAppendsAreAllReadInSeqOrder() {
    List<AcknowledgedAppend> acknowledged;
    try (ChildStore child = ChildStore.start(InMemory.class, "memory", ChildTask.APPEND)) {
      assertThat(child.sessionId()).isNotBlank();
      assertThat(child.awaitAppends(50)).hasSizeGreaterThanOrEqualTo(50);
      child.kill();
      acknowledged = child.appends();
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(50);
    for (int i = 0; i < acknowledged.size(); i++) {
      assertThat(acknowledged.get(i).seq()).isEqualTo(i + 1L);
    }
    assertThat(acknowledged).extracting(AcknowledgedAppend::messageId).doesNotHaveDuplicates();
  }

  @Test
  void aStreamingChildReportsTheLengthOfEachFlushAtAFlushBoundary() {
    try (ChildStore child = ChildStore.start(InMemory.class, "memory", ChildTask.STREAM)) {
      child.sessionId();
      assertThat(child.streamedMessageId()).isNotBlank();
      int length = child.awaitFlushes(5);
      assertThat(length).isGreaterThanOrEqualTo(Plan.streamed(1).length() * 5);
      assertThat(Plan.streamed(length)).hasSize(length);
      child.kill();
      assertThat(child.flushedLength()).isGreaterThanOrEqualTo(length);
    }
  }

  @Test
  void aTwoChannelChildReportsBothLengthsAtAFlushBoundary() {
    try (ChildStore child = ChildStore.start(InMemory.class, "memory", ChildTask.STREAM_CHANNELS)) {
      child.sessionId();
      assertThat(child.streamedMessageId()).isNotBlank();
      child.awaitFlushes(5);
      child.kill();

      int flushes = child.flushes();
      assertThat(flushes).isGreaterThanOrEqualTo(5);
      assertThat(child.flushedLength()).isEqualTo(Plan.streamedText(flushes).length());
      assertThat(child.flushedReasoningLength()).isEqualTo(Plan.streamedReasoning(flushes).length());
    }
  }

  @Test
  void aHoldingChildClosesItsStoreWhenReleased() {
    try (ChildStore child = ChildStore.start(InMemory.class, "memory", ChildTask.HOLD)) {
      child.awaitOpen();
      assertThat(child.release()).isZero();
    }
  }

  @Test
  void whatTheStorePrintsOnStdoutIsNotTakenForAReport() {
    try (ChildStore child = ChildStore.start(Chatty.class, "memory", ChildTask.APPEND)) {
      assertThat(child.sessionId()).isNotEqualTo("not-a-session");
      assertThat(child.awaitAppends(3).get(0).seq()).isEqualTo(1);
      child.kill();
      assertThat(child.appends()).extracting(AcknowledgedAppend::messageId).doesNotContain("not-a-message");
    }
  }

  @Test
  void aChildThatCannotOpenTheStoreFailsTheWaitWithItsStderr() {
    try (ChildStore child = ChildStore.start(Broken.class, "nowhere", ChildTask.APPEND)) {
      assertThatThrownBy(child::sessionId)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("ended before reporting the child's session")
          .hasMessageContaining("no store at nowhere");
      assertThat(child.awaitExit()).isNotZero();
    }
  }

  @Test
  void aFactoryTheChildCannotBuildIsRefusedBeforeAJvmStarts() {
    assertThatThrownBy(() -> ChildStore.start(NeedsArgument.class, "memory", ChildTask.HOLD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NeedsArgument.class.getName())
        .hasMessageContaining("public no-argument constructor");
  }
}
