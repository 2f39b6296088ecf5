package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertConflict;
import static dev.chatstore.testkit.ContractAssertions.assertSessionNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException.Reason;
import dev.chatstore.FlushPolicy;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import dev.chatstore.metadata.MessageMetadata;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Streamed messages: PENDING at open, STREAMING once flushed, and each way of ending (complete,
 * complete with metadata, fail, close) with what it keeps; calls after the end; what readers see meanwhile.
 */
public abstract class StreamingContract extends ContractArea {

  protected StreamingContract(SessionStoreContract contract) {
    super(contract);
  }

  private Message stored(MessageStream stream) {
    return store().getMessage(stream.sessionId(), stream.messageId());
  }

  @Test
  void openWritesThePendingMessageAtTheNextSeqBeforeReturning() {
    ChatSession s = newSession();
    store().append(s.id(), NewMessage.user("question"));
    MessageMetadata initial = MessageMetadata.builder().model("m-1").build();
    StreamOptions options = StreamOptions.assistant().withMessageId("reply-1").withMetadata(initial);

    try (MessageStream stream = store().openStream(s.id(), options)) {
      assertThat(stream.messageId()).isEqualTo("reply-1");
      assertThat(stream.sessionId()).isEqualTo(s.id());
      assertThat(stream.seq()).isEqualTo(2);

      Message pending = stored(stream);
      assertThat(pending.status()).isEqualTo(MessageStatus.PENDING);
      assertThat(pending.seq()).isEqualTo(2);
      assertThat(pending.role()).isEqualTo(Role.ASSISTANT);
      assertThat(pending.content()).isEmpty();
      assertThat(pending.toolCalls()).isEmpty();
      assertThat(pending.metadata()).isEqualTo(initial);
      assertThat(store().getSession(s.id()).messageCount()).isEqualTo(2);
      stream.complete();
    }
  }

  @Test
  void oneStreamOptionsValueServesEveryReplyAndAFixedIdServesOne() {
    ChatSession s = newSession();
    StreamOptions replies = StreamOptions.assistant().withMetadata(MessageMetadata.builder().model("m").build());
    Message first;
    Message second;
    try (MessageStream a = store().openStream(s.id(), replies)) {
      first = a.append("one").complete();
    }
    try (MessageStream b = store().openStream(s.id(), replies)) {
      second = b.append("two").complete();
    }
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(List.of(first.metadata().model(), second.metadata().model())).containsOnly(java.util.Optional.of("m"));

    StreamOptions fixed = replies.withMessageId("reply-chosen-by-host");
    try (MessageStream c = store().openStream(s.id(), fixed)) {
      assertThat(c.messageId()).isEqualTo("reply-chosen-by-host");
      c.complete();
    }
    assertConflict(() -> store().openStream(s.id(), fixed), Reason.ALREADY_EXISTS);
  }

  @Test
  void flushedContentIsReadableAsStreamingBySecondReaderOfTheSameStore() throws Exception {
    ChatSession s = newSession();
    try (MessageStream stream = store().openStream(s.id(), Role.ASSISTANT)) {
      stream.append("Hel").append("lo");
      stream.flush();

      Message seen = store().messages(s.id(), MessageQuery.latest(10)).items().get(0);
      assertThat(seen.id()).isEqualTo(stream.messageId());
      assertThat(seen.status()).isEqualTo(MessageStatus.STREAMING);
      assertThat(seen.content()).isEqualTo("Hello");
      Message fromAnotherThread = Concurrently.run(List.<Callable<Message>>of(() -> stored(stream))).get(0);
      assertThat(fromAnotherThread.content()).isEqualTo("Hello");
      assertThat(fromAnotherThread.status()).isEqualTo(MessageStatus.STREAMING);

      stream.append(", world");
      stream.flush();
      assertThat(store().recentMessages(s.id(), 1).get(0).content()).isEqualTo("Hello, world");
      stream.complete();
    }
  }

  @Test
  void completeKeepsTheOpeningMetadataAndReturnsTheStoredMessage() {
    ChatSession s = newSession();
    MessageMetadata initial = Fixtures.fullMessageMetadata();
    MessageStream stream = store().openStream(s.id(), StreamOptions.assistant().withMetadata(initial));
    stream.append("one ").append("two");

    Message done = stream.complete();

    assertThat(done.status()).isEqualTo(MessageStatus.COMPLETE);
    assertThat(done.content()).isEqualTo("one two");
    assertThat(done.metadata()).isEqualTo(initial);
    assertThat(done.id()).isEqualTo(stream.messageId());
    assertThat(done.seq()).isEqualTo(stream.seq());
    assertThat(stored(stream)).isEqualTo(done);
    stream.close();
    assertThat(stored(stream)).isEqualTo(done);
  }

  @Test
  void completeWithMetadataReplacesIt() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(),
        StreamOptions.assistant().withMetadata(MessageMetadata.builder().model("draft").build()));
    stream.append("answer");
    MessageMetadata last = Fixtures.fullMessageMetadata();

    Message done = stream.complete(last);

    assertThat(done.metadata()).isEqualTo(last);
    assertThat(done.status()).isEqualTo(MessageStatus.COMPLETE);
    assertThat(stored(stream)).isEqualTo(done);
  }

  @Test
  void failKeepsTheContentAndRecordsTheError() {
    ChatSession s = newSession();
    MessageMetadata initial = MessageMetadata.builder().model("m-1").build();
    MessageStream stream = store().openStream(s.id(), StreamOptions.assistant().withMetadata(initial));
    stream.append("partial ");
    stream.flush();
    stream.append("and unflushed");

    Message failed = stream.fail("upstream timeout");

    assertThat(failed.status()).isEqualTo(MessageStatus.ERROR);
    assertThat(failed.content()).isEqualTo("partial and unflushed");
    assertThat(failed.metadata().error()).contains("upstream timeout");
    assertThat(failed.metadata()).isEqualTo(initial.withError("upstream timeout"));
    assertThat(stored(stream)).isEqualTo(failed);
  }

  @Test
  void closeWithoutCompleteKeepsTheContentAsInterrupted() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.append("streamed ");
    stream.flush();
    stream.append("so far");

    stream.close();

    Message m = stored(stream);
    assertThat(m.status()).isEqualTo(MessageStatus.INTERRUPTED);
    assertThat(m.content()).isEqualTo("streamed so far");
    stream.close();
    assertThat(stored(stream)).isEqualTo(m);
  }

  @Test
  void tryWithResourcesOnAnExceptionLeavesItInterrupted() {
    ChatSession s = newSession();
    String id = null;
    try (MessageStream stream = store().openStream(s.id(), Role.ASSISTANT)) {
      id = stream.messageId();
      stream.append("before the crash");
      throw new IllegalStateException("model client failed");
    } catch (IllegalStateException expected) {
      // the host's own failure; the stream was closed on the way out
    }
    Message m = store().getMessage(s.id(), id);
    assertThat(m.status()).isEqualTo(MessageStatus.INTERRUPTED);
    assertThat(m.content()).isEqualTo("before the crash");
  }

  @Test
  void anEmptyStreamCanCompleteOrBeClosed() {
    ChatSession s = newSession();
    Message completed = store().openStream(s.id(), Role.ASSISTANT).complete();
    assertThat(completed.status()).isEqualTo(MessageStatus.COMPLETE);
    assertThat(completed.content()).isEmpty();

    MessageStream closed = store().openStream(s.id(), Role.ASSISTANT);
    closed.close();
    assertThat(stored(closed).status()).isEqualTo(MessageStatus.INTERRUPTED);
    assertThat(stored(closed).content()).isEmpty();
  }

  @Test
  void everyCallButCloseAfterTheEndIsAStreamClosedConflict() {
    ChatSession s = newSession();
    for (int ending = 0; ending < 3; ending++) {
      MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
      stream.append("x");
      switch (ending) {
        case 0 -> stream.complete();
        case 1 -> stream.fail("boom");
        default -> stream.close();
      }
      Message ended = stored(stream);

      assertConflict(() -> stream.append("more"), Reason.STREAM_CLOSED);
      assertConflict(() -> stream.addToolCall(Fixtures.call("c", "t")), Reason.STREAM_CLOSED);
      assertConflict(stream::flush, Reason.STREAM_CLOSED);
      assertConflict(stream::complete, Reason.STREAM_CLOSED);
      assertConflict(() -> stream.complete(MessageMetadata.empty()), Reason.STREAM_CLOSED);
      assertConflict(() -> stream.fail("again"), Reason.STREAM_CLOSED);
      stream.close();
      stream.close();

      assertThat(stored(stream)).as("ending %d", ending).isEqualTo(ended);
    }
  }

  @Test
  void toolCallsAddedMidStreamAreWrittenWithTheNextFlush() {
    ChatSession s = newSession();
    ToolCall first = new ToolCall("call_a", "search", "{\"q\":\"x\"}");
    ToolCall second = new ToolCall("call_b", "fetch", "{\"url\":\"https://example.com\"}");
    try (MessageStream stream = store().openStream(s.id(), Role.ASSISTANT)) {
      stream.append("Let me look.").addToolCall(first);
      stream.flush();
      assertThat(stored(stream).toolCalls()).containsExactly(first);
      stream.addToolCall(second);

      Message done = stream.complete();

      assertThat(done.toolCalls()).containsExactly(first, second);
      assertThat(stored(stream).toolCalls()).containsExactly(first, second);
    }
  }

  @Test
  void messagesAppendedWhileAStreamIsOpenTakeLaterSeqs() {
    ChatSession s = newSession();
    MessageStream a = store().openStream(s.id(), Role.ASSISTANT);
    Message user = store().append(s.id(), NewMessage.user("interjection"));
    MessageStream b = store().openStream(s.id(), Role.ASSISTANT);
    b.append("second").complete();
    a.append("first").complete();

    assertThat(a.seq()).isEqualTo(1);
    assertThat(user.seq()).isEqualTo(2);
    assertThat(b.seq()).isEqualTo(3);
    assertThat(contents(allMessages(s.id()))).containsExactly("first", "interjection", "second");
  }

  @Test
  void otherRolesStreamToo() {
    ChatSession s = newSession();
    try (MessageStream user = store().openStream(s.id(), Role.USER);
        MessageStream system = store().openStream(s.id(), Role.SYSTEM)) {
      assertThat(user.append("dictated").complete().role()).isEqualTo(Role.USER);
      assertThat(system.append("sys").complete().role()).isEqualTo(Role.SYSTEM);
    }
  }

  @Test
  void updateMessageOnAnOpenStreamIsAStreamOpenConflict() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.append("going");
    stream.flush();
    Message before = stored(stream);

    assertConflict(() -> store().updateMessage(s.id(), stream.messageId(),
        MessageUpdate.status(MessageStatus.COMPLETE)), Reason.STREAM_OPEN);
    assertConflict(() -> store().updateMessage(s.id(), stream.messageId(),
        MessageUpdate.metadata(MessageMetadata.builder().model("x").build())), Reason.STREAM_OPEN);
    assertThat(stored(stream)).isEqualTo(before);

    stream.close();
    Message updated = store().updateMessage(s.id(), stream.messageId(), MessageUpdate.status(MessageStatus.ERROR));
    assertThat(updated.status()).isEqualTo(MessageStatus.ERROR);
    assertThat(updated.content()).isEqualTo("going");
  }

  @Test
  void openStreamOnAnUnknownSessionThrowsAndWritesNothing() {
    assertSessionNotFound(() -> store().openStream("no-such-session", Role.ASSISTANT), "no-such-session");
  }

  @Test
  void streamingMovesTheSessionsUpdatedAtButNotItsVersion() {
    ChatSession s = newSession();
    tick();
    store().openStream(s.id(), Role.ASSISTANT).append("x").complete();
    ChatSession after = store().getSession(s.id());
    assertThat(after.updatedAt()).isAfter(s.updatedAt());
    assertThat(after.version()).isEqualTo(1);
    assertThat(after.messageCount()).isEqualTo(1);
  }

  @Test
  void everyChunkPolicyKeepsTheExactContent() {
    ChatSession s = newSession();
    StreamOptions options = StreamOptions.assistant().withFlushPolicy(FlushPolicy.everyChunk());
    StringBuilder expected = new StringBuilder();
    try (MessageStream stream = store().openStream(s.id(), options)) {
      for (int i = 0; i < 200; i++) {
        String chunk = "tok" + i + (i % 7 == 0 ? "\n" : " ");
        stream.append(chunk);
        expected.append(chunk);
      }
      assertThat(stream.complete().content()).isEqualTo(expected.toString());
    }
    assertThat(allMessages(s.id()).get(0).content()).isEqualTo(expected.toString());
  }

  @Test
  void smallBufferPolicyFlushesBySizeAndKeepsTheExactContent() {
    ChatSession s = newSession();
    StreamOptions options = StreamOptions.assistant()
        .withFlushPolicy(FlushPolicy.defaults().withMaxBufferedChars(16).withMaxPendingChars(64));
    StringBuilder expected = new StringBuilder();
    try (MessageStream stream = store().openStream(s.id(), options)) {
      for (int i = 0; i < 300; i++) {
        String chunk = "w" + i + " ";
        stream.append(chunk);
        expected.append(chunk);
      }
      stream.flush();
      assertThat(stored(stream).content()).isEqualTo(expected.toString());
      stream.complete();
    }
  }
}
