package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatSession;
import dev.chatstore.FlushPolicy;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.SessionQuery;
import dev.chatstore.StreamOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How values are stored: streamed text as one chunk row per flush (the content is not rewritten),
 * folded into the content at the end; text that is hard to store (NUL, surrogate pairs split between
 * flushes, the escape code's own characters) round-trips and is found by search;
 * imported timestamps keep their microseconds, within the range both databases hold.
 */
abstract class StorageTestBase extends OpenStoreTestBase {
  private static final String HARD = "nul\u0000 pua\uF8E0\uF8E1\uF8E2\uF8F1 emoji😀 end";

  @Test
  void aFlushAddsAChunkRowAndTheEndFoldsThemIntoTheContent() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    MessageStream stream = store.openStream(s.id(), explicitFlushes());
    for (int i = 0; i < 5; i++) {
      stream.append("part" + i + " ").flush();
    }
    assertThat(db.column("SELECT content FROM chatstore_messages WHERE id = ?", stream.messageId()))
        .containsExactly("");
    assertThat(db.column("SELECT chunk_no FROM chatstore_stream_chunks WHERE message_id = ? ORDER BY chunk_no",
        stream.messageId())).containsExactly("1", "2", "3", "4", "5");
    assertThat(store.getMessage(s.id(), stream.messageId()).content()).isEqualTo("part0 part1 part2 part3 part4 ");

    Message done = stream.append("end").complete();

    assertThat(done.content()).isEqualTo("part0 part1 part2 part3 part4 end");
    assertThat(db.column("SELECT chunk_no FROM chatstore_stream_chunks WHERE message_id = ?", stream.messageId()))
        .isEmpty();
    assertThat(store.getMessage(s.id(), stream.messageId())).isEqualTo(done);
  }

  @Test
  void aSurrogatePairSplitBetweenTwoFlushesRoundTrips() {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    MessageStream stream = store.openStream(s.id(), explicitFlushes());
    stream.append("a\uD83D").flush();
    // the stream holds half a pair back until its other half arrives: no half is ever stored
    assertThat(store.getMessage(s.id(), stream.messageId()).content()).isEqualTo("a");
    stream.append("\uDE00b").flush();
    assertThat(store.getMessage(s.id(), stream.messageId()).content()).isEqualTo("a😀b");
    assertThat(stream.complete().content()).isEqualTo("a😀b");
    assertThat(store.getMessage(s.id(), stream.messageId()).content()).isEqualTo("a😀b");
  }

  @Test
  void hardTextRoundTripsInAppendsStreamsTitlesAndPreviews() {
    ChatSession s = store.createSession(NewSession.forOwner("o").title(HARD).build());
    Message appended = store.append(s.id(), NewMessage.user(HARD));
    MessageStream stream = store.openStream(s.id(), explicitFlushes());
    stream.append(HARD).flush();
    assertThat(store.getMessage(s.id(), stream.messageId()).content()).isEqualTo(HARD);
    Message streamed = stream.append(HARD).complete();

    assertThat(store.getMessage(s.id(), appended.id()).content()).isEqualTo(HARD);
    assertThat(streamed.content()).isEqualTo(HARD + HARD);
    assertThat(store.getSession(s.id()).title()).isEqualTo(HARD);
    assertThat(store.listSessions(SessionQuery.of("o")).items().get(0).preview()).isEqualTo(HARD + HARD);
  }

  @Test
  void searchFindsHardTextAndTextStillStreaming() {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    store.append(s.id(), NewMessage.user("x" + HARD + "y"));
    store.append(s.id(), NewMessage.user("NUL\u0000 PUA\uF8E0 MIXED case"));
    MessageStream stream = store.openStream(s.id(), explicitFlushes());
    stream.append("streaming needle-in-a-").flush();
    stream.append("haystack").flush();

    assertThat(search("\u0000 pua\uF8E0")).hasSize(2);
    assertThat(search(HARD)).hasSize(1);
    assertThat(search("\uF8E2\uF8F1")).hasSize(1);
    assertThat(search("needle-in-a-haystack")).extracting(Message::status).containsExactly(MessageStatus.STREAMING);
    assertThat(search("\uF8E1\uF8E2")).hasSize(1);
    assertThat(search("\uF8E2\uF8E1")).isEmpty();
    assertThat(store.listSessions(SessionQuery.forOwner("o").text("NEEDLE-IN-A-HAY").build()).items()).hasSize(1);
    stream.complete();
  }

  @Test
  void importedTimestampsKeepTheirMicrosecondsWithinYearsOneTo9999() {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    Instant first = Instant.parse("0001-01-01T00:00:00Z");
    Instant last = Instant.parse("9999-12-31T23:59:59.999999999Z");
    Message old = store.append(s.id(), NewMessage.builder(Role.USER).createdAt(first).build());
    Message late = store.append(s.id(), NewMessage.builder(Role.USER).createdAt(last).build());

    assertThat(store.getMessage(s.id(), old.id()).createdAt()).isEqualTo(first);
    assertThat(store.getMessage(s.id(), late.id()).createdAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
    assertThat(store.getMessage(s.id(), late.id())).isEqualTo(late);
    assertThatThrownBy(() -> store.append(s.id(), NewMessage.builder(Role.USER)
        .createdAt(Instant.parse("+10000-01-01T00:00:00Z")).build()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("createdAt"));
    assertThatThrownBy(() -> store.appendAll(s.id(), List.of(NewMessage.user("ok"), NewMessage.builder(
        Role.USER).createdAt(first.minusNanos(1)).build())))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("messages[1].createdAt"));
    assertThat(store.getSession(s.id()).messageCount()).isEqualTo(2);
  }

  private java.util.List<Message> search(String text) {
    return store.searchMessages("o", text, PageRequest.first(10)).items();
  }

  static StreamOptions explicitFlushes() {
    return StreamOptions.assistant().withFlushPolicy(
        FlushPolicy.defaults().withMaxBufferedChars(1 << 20).withMaxDelay(Duration.ofHours(1)));
  }
}
