package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.ChatStoreException;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.PageRequest;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.SessionQuery;
import dev.chatstore.ToolCall;
import dev.chatstore.spi.MessageBody;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How schema 4 stores a stream's two channels: a flush's reasoning, signature and attached parts in its
 * chunk's extras (NULL for a text-only flush), shown mid-stream as the parts they make, and folded at
 * the end (complete, recovery, an update ending an abandoned stream) into the message's body, with
 * text that is hard to store (NUL, non-BMP, the escape code's own characters, JSON and SQL syntax).
 */
abstract class TwoChannelStreamsTestBase extends OpenStoreTestBase {
  private static final String HARD = BodyStorageTestBase.HARD;
  private static final MediaPart IMAGE = MediaPart.reference("image/png", "https://example.com/\u00E4/1.png?q=" + HARD);
  private static final MediaPart INLINE = MediaPart.inline("application/octet-stream", new byte[] {0, 1, (byte) 255})
      .withFileName("f " + HARD);

  @Test
  void bothChannelsAndAPartReadBackMidStreamAfterEachFlushAndAfterTheEnd() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    store.append(s.id(), NewMessage.user("draw it"));
    MessageStream stream = store.openStream(s.id(), StorageTestBase.explicitFlushes());
    stream.appendReasoning("think " + HARD).flush();

    Message first = store.getMessage(s.id(), stream.messageId());
    assertThat(first.status()).isEqualTo(MessageStatus.STREAMING);
    assertThat(first.content()).isEmpty();
    assertThat(first.parts()).containsExactly(new ReasoningPart("think " + HARD));

    stream.appendReasoning(" more").signReasoning("sig+/=" + HARD).append("answer " + HARD).addPart(IMAGE).flush();

    List<Part> midStream = List.of(ReasoningPart.signed("think " + HARD + " more", "sig+/=" + HARD),
        Part.text("answer " + HARD), IMAGE);
    Message second = store.getMessage(s.id(), stream.messageId());
    assertThat(second.parts()).isEqualTo(midStream);
    assertThat(second.content()).isEqualTo("answer " + HARD);
    // every reader of messages shows the same
    assertThat(store.messages(s.id(), MessageQuery.earliest(10)).items()).element(1).isEqualTo(second);
    assertThat(store.recentMessages(s.id(), 1)).containsExactly(second);
    assertThat(store.searchMessages("o", "answer", PageRequest.first(10)).items()).containsExactly(second);
    assertThat(store.searchMessages("o", "think", PageRequest.first(10)).items()).as("reasoning is not searched")
        .isEmpty();
    // stored as chunks: the message row untouched, each flush's extras beside its text
    assertThat(db.column("SELECT body FROM chatstore_messages WHERE id = ?", stream.messageId()))
        .containsExactly((String) null);
    assertThat(db.column("SELECT COUNT(*) FROM chatstore_stream_chunks WHERE message_id = ? AND extras IS NOT NULL",
        stream.messageId())).containsExactly("2");

    Message done = stream.append(" end").addPart(INLINE).complete();

    List<Part> all = List.of(ReasoningPart.signed("think " + HARD + " more", "sig+/=" + HARD),
        Part.text("answer " + HARD + " end"), IMAGE, INLINE);
    assertThat(done.parts()).isEqualTo(all);
    assertThat(done.content()).isEqualTo("answer " + HARD + " end");
    assertThat(done.status()).isEqualTo(MessageStatus.COMPLETE);
    assertThat(store.getMessage(s.id(), done.id())).isEqualTo(done);
    assertThat(db.column("SELECT body FROM chatstore_messages WHERE id = ?", done.id()))
        .containsExactly(storedText(streamedBody(all)));
    assertThat(db.column("SELECT COUNT(*) FROM chatstore_stream_chunks WHERE message_id = ?", done.id()))
        .containsExactly("0");
    assertThat(store.listSessions(SessionQuery.of("o")).items().get(0).preview()).isEqualTo("answer " + HARD + " end");
  }

  @Test
  void aTextOnlyStreamStoresNoExtrasAndEndsWithNoBody() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    MessageStream stream = store.openStream(s.id(), StorageTestBase.explicitFlushes());
    stream.append("one ").flush();
    stream.addToolCall(new ToolCall("c1", "t", "{}")).append("two").flush();

    assertThat(db.column("SELECT extras FROM chatstore_stream_chunks WHERE message_id = ? ORDER BY chunk_no",
        stream.messageId())).containsExactly(null, null);
    assertThat(store.getMessage(s.id(), stream.messageId()).parts()).containsExactly(Part.text("one two"));

    Message done = stream.complete();

    assertThat(done.parts()).containsExactly(Part.text("one two"));
    assertThat(db.column("SELECT body FROM chatstore_messages WHERE id = ?", done.id())).containsExactly((String) null);
  }

  @Test
  void aStreamOfReasoningAndPartsOnlyEndsWithNoText() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    MessageStream stream = store.openStream(s.id(), StorageTestBase.explicitFlushes());
    stream.signReasoning("only a signature").flush();
    assertThat(store.getMessage(s.id(), stream.messageId()).parts())
        .containsExactly(ReasoningPart.signed("", "only a signature"));
    stream.addPart(IMAGE).flush();
    stream.signReasoning("the latest signature wins");

    Message done = stream.complete();

    assertThat(done.content()).isEmpty();
    assertThat(done.parts()).containsExactly(ReasoningPart.signed("", "the latest signature wins"), IMAGE);
    assertThat(store.getMessage(s.id(), done.id())).isEqualTo(done);
  }

  @Test
  void recoveryOfAnAbandonedTwoChannelStreamKeepsBothChannelsInterrupted() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    MessageStream abandoned = store.openStream(s.id(), StorageTestBase.explicitFlushes());
    abandoned.appendReasoning("why " + HARD).append("so far").flush();
    abandoned.signReasoning("sig").addPart(IMAGE).flush();
    abandoned.appendReasoning(" never flushed").append(" never flushed");
    List<Part> flushed = List.of(ReasoningPart.signed("why " + HARD, "sig"), Part.text("so far"), IMAGE);

    try (JdbcSessionStore other = db.open()) {
      assertThat(other.recoverAbandonedStreams(Duration.ZERO)).isEqualTo(1);

      for (JdbcSessionStore reader : List.of(store, other)) {
        Message m = reader.getMessage(s.id(), abandoned.messageId());
        assertThat(m.status()).isEqualTo(MessageStatus.INTERRUPTED);
        assertThat(m.parts()).isEqualTo(flushed);
        assertThat(m.content()).isEqualTo("so far");
      }
    }
    assertThat(db.column("SELECT body FROM chatstore_messages WHERE id = ?", abandoned.messageId()))
        .containsExactly(storedText(streamedBody(flushed)));
    assertThat(db.column("SELECT COUNT(*) FROM chatstore_stream_chunks")).containsExactly("0");
    endQuietly(abandoned);
  }

  @Test
  void anUpdateEndingAStreamAnotherStoreAbandonedKeepsBothChannels() {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    MessageStream abandoned = store.openStream(s.id(), StorageTestBase.explicitFlushes());
    abandoned.appendReasoning("r").append("t").addPart(INLINE).flush();

    try (JdbcSessionStore other = db.open()) {
      Message ended = other.updateMessage(s.id(), abandoned.messageId(), MessageUpdate.status(MessageStatus.ERROR));

      assertThat(ended.status()).isEqualTo(MessageStatus.ERROR);
      assertThat(ended.parts()).containsExactly(new ReasoningPart("r"), Part.text("t"), INLINE);
      assertThat(store.getMessage(s.id(), abandoned.messageId())).isEqualTo(ended);
    }
    endQuietly(abandoned);
  }

  /** The body JSON a streamed message with {@code parts} ends with. */
  private static String streamedBody(List<Part> parts) {
    return new MessageBody(parts, NewMessage.NO_ATTRIBUTES, Optional.empty()).json().orElseThrow();
  }

  /** What a stream does after another store ended its message is not what these tests are about. */
  private static void endQuietly(MessageStream stream) {
    try {
      stream.close();
    } catch (ChatStoreException unspecified) {
      // either outcome is acceptable here
    }
  }

  /** What {@code text} is stored as in a text column: itself on H2, PgText's escaped form on PostgreSQL. */
  abstract String storedText(String text);
}
