package dev.chatstore.jdbc;

import static dev.chatstore.testkit.Waiting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatstore.ChatSession;
import dev.chatstore.FlushPolicy;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import dev.chatstore.UnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A refused or dropped connection surfaces as UnavailableException, leaves nothing half-written, and
 * the store works again once the database is back. The host's DataSource is a {@link FlakyDataSource}.
 */
abstract class ConnectionFailureTestBase {
  private static final MediaPart FIRST = MediaPart.reference("image/png", "https://example.com/1.png");
  private static final MediaPart SECOND = MediaPart.inline("image/png", new byte[] {1, 2, 3});
  private HikariDataSource connections;
  FlakyDataSource flaky;
  JdbcSessionStore store;

  abstract TestDatabase database();

  @BeforeEach
  void open() {
    TestDatabase db = database();
    connections = db.pool(4);
    flaky = new FlakyDataSource(connections);
    store = JdbcSessionStore.builder().dataSource(flaky).open();
  }

  @AfterEach
  void close() {
    flaky.refuseConnections(false);
    store.close();
    connections.close();
  }

  @Test
  void refusedConnectionsAreUnavailableAndTheStoreWorksOnceTheyAreBack() {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    store.append(s.id(), NewMessage.user("before"));

    flaky.refuseConnections(true);
    assertThatThrownBy(() -> store.append(s.id(), NewMessage.user("lost"))).isInstanceOf(UnavailableException.class);
    assertThatThrownBy(() -> store.findSession(s.id())).isInstanceOf(UnavailableException.class);
    assertThatThrownBy(() -> store.openStream(s.id(), StreamOptions.assistant()))
        .isInstanceOf(UnavailableException.class);

    flaky.refuseConnections(false);
    assertThat(store.append(s.id(), NewMessage.user("after")).seq()).isEqualTo(2);
    assertThat(contents(s)).containsExactly("before", "after");
  }

  @Test
  void aConnectionLostMidAppendWritesNothing() {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    store.append(s.id(), NewMessage.user("first"));
    ChatSession before = store.getSession(s.id());

    // the session row was already bumped in this transaction when the connection drops
    flaky.dropBeforeStatement("INSERT INTO chatstore_messages");
    assertThatThrownBy(() -> store.append(s.id(), NewMessage.user("lost"))).isInstanceOf(UnavailableException.class);
    flaky.dropBeforeStatement("INSERT INTO chatstore_messages");
    assertThatThrownBy(() -> store.appendAll(s.id(), List.of(NewMessage.user("a"), NewMessage.user("b"))))
        .isInstanceOf(UnavailableException.class);

    assertThat(store.getSession(s.id())).isEqualTo(before);
    assertThat(contents(s)).containsExactly("first");
    assertThat(store.append(s.id(), NewMessage.user("second")).seq()).isEqualTo(2);
  }

  @Test
  void aFlushThatFailedIsWrittenByTheNextOneExactlyOnce() {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    MessageStream stream = store.openStream(s.id(), explicitFlushes());
    stream.append("one ").flush();

    flaky.dropBeforeStatement("INSERT INTO chatstore_stream_chunks");
    stream.append("two ");
    assertThatThrownBy(stream::flush).isInstanceOf(UnavailableException.class);
    assertThat(store.getMessage(s.id(), stream.messageId()).content()).isEqualTo("one ");

    stream.append("three");
    stream.flush();
    assertThat(store.getMessage(s.id(), stream.messageId()).content()).isEqualTo("one two three");
    assertThat(stream.complete().content()).isEqualTo("one two three");
  }

  @Test
  void aFlushWhoseCommitWasNotAcknowledgedIsNotWrittenTwice() {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    MessageStream stream = store.openStream(s.id(), explicitFlushes());
    stream.append("one ").addToolCall(new ToolCall("c1", "t", "{}")).flush();

    flaky.dropAfterNextCommit();
    stream.append("two ").addToolCall(new ToolCall("c2", "t", "{}"));
    assertThatThrownBy(stream::flush).isInstanceOf(UnavailableException.class);

    stream.append("three").addToolCall(new ToolCall("c3", "t", "{}"));
    stream.flush();
    Message done = stream.complete();
    assertThat(done.content()).isEqualTo("one two three");
    assertThat(done.toolCalls()).extracting(ToolCall::id).containsExactly("c1", "c2", "c3");
  }

  @Test
  void aFlushOfBothChannelsWhoseCommitWasNotAcknowledgedStoresItsReasoningAndPartsOnce() {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    MessageStream stream = store.openStream(s.id(), explicitFlushes());
    stream.appendReasoning("r1 ").append("t1 ").flush();

    flaky.dropAfterNextCommit();
    stream.appendReasoning("r2 ").signReasoning("sig").append("t2 ").addPart(FIRST)
        .addToolCall(new ToolCall("c1", "t", "{}"));
    assertThatThrownBy(stream::flush).isInstanceOf(UnavailableException.class);

    stream.appendReasoning("r3").append("t3").addPart(SECOND);
    stream.flush();
    List<Part> all = List.of(ReasoningPart.signed("r1 r2 r3", "sig"), Part.text("t1 t2 t3"), FIRST, SECOND);
    assertThat(store.getMessage(s.id(), stream.messageId()).parts()).isEqualTo(all);
    Message done = stream.complete();
    assertThat(done.parts()).isEqualTo(all);
    assertThat(done.toolCalls()).extracting(ToolCall::id).containsExactly("c1");
  }

  @Test
  void anEndAfterAFlushOfBothChannelsWhoseCommitWasNotAcknowledgedStoresItOnce() {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    MessageStream stream = store.openStream(s.id(), explicitFlushes());
    stream.appendReasoning("r1 ").flush();

    flaky.dropAfterNextCommit();
    stream.appendReasoning("r2").signReasoning("sig").append("t1").addPart(FIRST);
    assertThatThrownBy(stream::flush).isInstanceOf(UnavailableException.class);

    Message done = stream.append(" t2").addPart(SECOND).complete();
    assertThat(done.parts()).containsExactly(ReasoningPart.signed("r1 r2", "sig"), Part.text("t1 t2"), FIRST, SECOND);
    assertThat(store.getMessage(s.id(), done.id())).isEqualTo(done);
  }

  @Test
  void theEndOfAStreamRetriedAfterAFailureKeepsEverything() {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    MessageStream stream = store.openStream(s.id(), explicitFlushes());
    stream.append("kept ").flush();
    stream.append("tail");

    flaky.dropBeforeStatement("UPDATE chatstore_messages SET content");
    assertThatThrownBy(stream::complete).isInstanceOf(UnavailableException.class);
    Message stored = store.getMessage(s.id(), stream.messageId());
    assertThat(stored.content()).isEqualTo("kept ");
    assertThat(stored.status()).isEqualTo(MessageStatus.STREAMING);

    assertThat(stream.complete().content()).isEqualTo("kept tail");
    assertThat(store.getMessage(s.id(), stream.messageId()).status()).isEqualTo(MessageStatus.COMPLETE);
  }

  @Test
  void streamsWaitingTogetherShareACommit() {
    List<MessageStream> streams = openStreams(20);
    flaky.holdCommits(); // the first writes wait here, so the other streams queue up behind them
    streams.forEach(s -> s.append("a"));
    waitFor("a commit held at the gate", () -> flaky.heldCommits() >= 1);
    int before = flaky.commits();

    flaky.releaseCommits();

    waitFor("every stream's chunk stored", () -> streams.stream().allMatch(s -> stored(s).equals("a")));
    assertThat(flaky.commits() - before).as("commits for 20 streams' writes").isLessThan(10);
    streams.forEach(s -> assertThat(s.complete().content()).isEqualTo("a"));
  }

  @Test
  void aGroupCommitWhoseAnswerWasLostIsNotWrittenTwice() {
    List<MessageStream> streams = openStreams(20);
    streams.forEach(s -> s.append("one ").flush());
    flaky.holdCommits();
    streams.forEach(s -> s.append("two "));
    waitFor("a commit held at the gate", () -> flaky.heldCommits() >= 1);
    flaky.dropAfterNextGroupCommit();

    flaky.releaseCommits();

    // The group hears of a dropped connection and its streams keep their text, reporting the failure
    // at their next call; a retry finds the chunk number taken and, checked alone, the chunk stored.
    waitFor("the dropped group commit", () -> flaky.droppedGroupCommits() == 1);
    for (MessageStream s : streams) {
      try {
        s.flush();
      } catch (UnavailableException reported) {
        s.flush();
      }
      assertThat(stored(s)).isEqualTo("one two ");
    }
    streams.forEach(s -> s.append("three"));
    for (MessageStream s : streams) {
      assertThat(s.complete().content()).isEqualTo("one two three");
    }
  }

  /** Two streams in each of {@code count / 2} sessions, each written in the background at every chunk. */
  private List<MessageStream> openStreams(int count) {
    FlushPolicy everyChunk = FlushPolicy.defaults().withMaxBufferedChars(1).withMaxDelay(Duration.ofHours(1));
    List<MessageStream> streams = new ArrayList<>();
    for (int i = 0; i < count / 2; i++) {
      ChatSession s = store.createSession(NewSession.forOwner("o").build());
      streams.add(store.openStream(s.id(), StreamOptions.assistant().withFlushPolicy(everyChunk)));
      streams.add(store.openStream(s.id(), StreamOptions.assistant().withFlushPolicy(everyChunk)));
    }
    return streams;
  }

  private String stored(MessageStream stream) {
    return store.getMessage(stream.sessionId(), stream.messageId()).content();
  }

  private List<String> contents(ChatSession s) {
    return store.messages(s.id(), MessageQuery.earliest(100)).items().stream().map(Message::content).toList();
  }

  /** Writes only on flush(): the tests decide when storage is hit. */
  private static StreamOptions explicitFlushes() {
    return StreamOptions.assistant().withFlushPolicy(
        FlushPolicy.defaults().withMaxBufferedChars(1 << 20).withMaxDelay(Duration.ofHours(1)));
  }
}
