package dev.chatstore.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.ForwardingSessionStore;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.StreamOptions;
import dev.chatstore.manager.SessionManager;
import dev.chatstore.transfer.ExportFormat;
import dev.chatstore.transfer.ImportOptions;
import dev.chatstore.transfer.ImportSource;
import dev.chatstore.transfer.SessionExporter;
import dev.chatstore.transfer.SessionImporter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Six messages a minute (one every ten seconds), bursts of three, on a clock that moves only by hand. */
class RateLimitedStoreTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);

  private final ManualClock clock = new ManualClock();
  private final SessionStore memory = SessionStore.inMemory();
  private final RateLimitedStore store =
      RateLimitedStore.over(memory, MessageRateLimit.of(6, Duration.ofMinutes(1)).withBurst(3), clock);
  private final String alice = session("alice");

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aBurstPassesThenTheNextWriteIsRefusedSayingWhenToRetry() {
    appendTimes(alice, 3);
    assertThatThrownBy(() -> store.append(alice, NewMessage.user("4")))
        .isInstanceOfSatisfying(RateLimitExceededException.class, e -> {
          assertThat(e.ownerId()).isEqualTo("alice");
          assertThat(e.messages()).isEqualTo(1);
          assertThat(e.retryAfter()).isEqualTo(INTERVAL);
          assertThat(e.retryAt()).isEqualTo(ManualClock.START.plus(INTERVAL));
          assertThat(e).hasMessageContaining("alice").hasMessageContaining("PT10S");
        });

    clock.advance(Duration.ofSeconds(4));
    assertThatThrownBy(() -> store.append(alice, NewMessage.user("4")))
        .isInstanceOfSatisfying(RateLimitExceededException.class, e -> {
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(6));
          assertThat(e.retryAt()).isEqualTo(ManualClock.START.plus(INTERVAL));
        });
    clock.advance(Duration.ofSeconds(6));
    assertThat(store.append(alice, NewMessage.user("4")).seq()).isEqualTo(4);
    assertThatThrownBy(() -> store.append(alice, NewMessage.user("5"))).isInstanceOf(RateLimitExceededException.class);
  }

  @Test
  void theBucketRefillsOneMessageAnIntervalUpToTheBurst() {
    appendTimes(alice, 3);
    clock.advance(INTERVAL.multipliedBy(2));
    appendTimes(alice, 2);
    assertThatThrownBy(() -> store.append(alice, NewMessage.user("x"))).isInstanceOf(RateLimitExceededException.class);

    clock.advance(Duration.ofHours(1)); // a quiet hour is worth a burst, not 360 messages
    appendTimes(alice, 3);
    assertThatThrownBy(() -> store.append(alice, NewMessage.user("x"))).isInstanceOf(RateLimitExceededException.class);
    assertThat(memory.getSession(alice).messageCount()).isEqualTo(8);
  }

  @Test
  void appendAllTakesItsWholeBatchOrNothing() {
    appendTimes(alice, 2);
    List<NewMessage> two = List.of(NewMessage.user("q"), NewMessage.assistant("a"));
    assertThatThrownBy(() -> store.appendAll(alice, two))
        .isInstanceOfSatisfying(RateLimitExceededException.class, e -> {
          assertThat(e.messages()).isEqualTo(2);
          assertThat(e.retryAfter()).isEqualTo(INTERVAL); // one token is there, the second comes in 10 s
        });
    assertThat(memory.getSession(alice).messageCount()).isEqualTo(2);

    store.append(alice, NewMessage.user("the one token left was not taken by the refused batch"));
    clock.advance(INTERVAL.multipliedBy(2));
    assertThat(store.appendAll(alice, two)).extracting(Message::seq).containsExactly(4L, 5L);
  }

  @Test
  void aBatchLargerThanTheBurstCanNeverPassAndIsInvalidInput() {
    List<NewMessage> four = List.of(NewMessage.user("1"), NewMessage.user("2"), NewMessage.user("3"),
        NewMessage.user("4"));
    assertThatThrownBy(() -> store.appendAll(alice, four))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("messages");
          assertThat(e.reason()).contains("4 messages").contains("burst of 3");
        });
    assertThat(memory.getSession(alice).messageCount()).isZero();
    assertThat(store.appendAll(alice, four.subList(0, 3))).hasSize(3); // the refusal took nothing
    assertThatThrownBy(() -> store.appendAll(alice, null))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("messages"));
  }

  @Test
  void openingAStreamCountsOneMessageAndItsChunksNone() {
    try (MessageStream reply = store.openStream(alice, Role.ASSISTANT)) {
      for (int i = 0; i < 100; i++) {
        reply.append("token " + i + " ");
      }
      reply.complete();
    }
    store.openStream(alice, StreamOptions.assistant()).complete();
    store.append(alice, NewMessage.user("third"));
    assertThatThrownBy(() -> store.openStream(alice, Role.ASSISTANT))
        .isInstanceOfSatisfying(RateLimitExceededException.class, e -> assertThat(e.messages()).isEqualTo(1));
    assertThat(memory.getSession(alice).messageCount()).isEqualTo(3);
  }

  @Test
  void ownersAreLimitedApartAndAnOwnersSessionsShareOneBucket() {
    String aliceToo = session("alice");
    String bob = session("bob");
    store.append(alice, NewMessage.user("1"));
    store.append(aliceToo, NewMessage.user("2"));
    store.append(alice, NewMessage.user("3"));
    assertThatThrownBy(() -> store.append(aliceToo, NewMessage.user("4")))
        .isInstanceOfSatisfying(RateLimitExceededException.class, e -> assertThat(e.ownerId()).isEqualTo("alice"));
    appendTimes(bob, 3);
    assertThatThrownBy(() -> store.append(bob, NewMessage.user("4")))
        .isInstanceOfSatisfying(RateLimitExceededException.class, e -> assertThat(e.ownerId()).isEqualTo("bob"));
  }

  @Test
  void aRefusedWriteLeavesTheStoreAsItWas() {
    appendTimes(alice, 3);
    ChatSession before = memory.getSession(alice);
    List<Message> messagesBefore = memory.messages(alice, MessageQuery.latest(10)).items();
    clock.advance(Duration.ofSeconds(1));

    assertThatThrownBy(() -> store.append(alice, NewMessage.user("no"))).isInstanceOf(RateLimitExceededException.class);
    assertThatThrownBy(() -> store.appendAll(alice, List.of(NewMessage.user("no"))))
        .isInstanceOf(RateLimitExceededException.class);
    assertThatThrownBy(() -> store.openStream(alice, Role.ASSISTANT)).isInstanceOf(RateLimitExceededException.class);

    assertThat(memory.getSession(alice)).isEqualTo(before);
    assertThat(memory.messages(alice, MessageQuery.latest(10)).items()).isEqualTo(messagesBefore);
  }

  @Test
  void aWriteTheStoreRefusesGivesItsTokensBack() {
    String deleted = session("alice");
    memory.deleteSession(deleted);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> store.append(deleted, NewMessage.user("x")))
          .isInstanceOfSatisfying(ConflictException.class,
              e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.SESSION_DELETED));
      assertThatThrownBy(() -> store.append(alice, NewMessage.user("\uD83D"))).isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> store.append(alice, null)).isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> store.appendAll(alice, List.of(NewMessage.user("ok"), NewMessage.user("\uDC00"))))
          .isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> store.openStream(deleted, Role.ASSISTANT)).isInstanceOf(ConflictException.class);
    }
    Message first = store.append(alice, NewMessage.builder(Role.USER).id("m-1").content("1").build());
    assertThatThrownBy(() -> store.append(alice, NewMessage.builder(Role.USER).id("m-1").content("again").build()))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store.openStream(alice, StreamOptions.assistant().withMessageId(first.id())))
        .isInstanceOf(ConflictException.class);

    appendTimes(alice, 2); // the bucket still held two after the one message that was written
    assertThat(memory.getSession(alice).messageCount()).isEqualTo(3);
    assertThatThrownBy(() -> store.append(alice, NewMessage.user("x"))).isInstanceOf(RateLimitExceededException.class);
  }

  @Test
  void anUnknownSessionIsTheStoresAnswerAndCostsNothing() {
    assertThatThrownBy(() -> store.append("0190f1f2-0000-7000-8000-000000000000", NewMessage.user("x")))
        .isInstanceOf(SessionNotFoundException.class);
    assertThatThrownBy(() -> store.openStream("0190f1f2-0000-7000-8000-000000000000", Role.ASSISTANT))
        .isInstanceOf(SessionNotFoundException.class);
    assertThatThrownBy(() -> store.append("../etc", NewMessage.user("x")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("sessionId"));
    assertThatThrownBy(() -> store.append(null, NewMessage.user("x")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("sessionId"));
    appendTimes(alice, 3);
  }

  @Test
  void readsUpdatesAndForksAreNeverLimited() {
    appendTimes(alice, 3);
    Message last = memory.recentMessages(alice, 1).get(0);
    for (int i = 0; i < 10; i++) {
      assertThat(store.messages(alice, MessageQuery.latest(10)).items()).hasSize(3);
      assertThat(store.findMessage(alice, last.id())).isPresent();
      assertThat(store.recentMessages(alice, 2)).hasSize(2);
    }
    store.updateMessage(alice, last.id(), MessageUpdate.content("revised"));
    store.updateMessage(alice, last.id(), MessageUpdate.status(MessageStatus.ERROR));
    ChatSession fork = store.fork(alice, last.id());
    assertThat(memory.getSession(fork.id()).messageCount()).isEqualTo(3);
    assertThat(store.createSession(NewSession.forOwner("alice").build()).ownerId()).isEqualTo("alice");
    // the fork is alice's too, and her bucket is as empty as before the fork
    assertThatThrownBy(() -> store.append(fork.id(), NewMessage.user("x"))).isInstanceOf(RateLimitExceededException.class);
  }

  @Test
  void anImportThroughTheLimitedStoreCountsItsMessagesAsAppends() {
    String chat = session("carol");
    memory.appendAll(chat, List.of(NewMessage.user("1"), NewMessage.assistant("2"), NewMessage.user("3"),
        NewMessage.assistant("4")));
    byte[] export = SessionExporter.of(memory).exportToString(chat, ExportFormat.JSON).getBytes(StandardCharsets.UTF_8);
    ImportOptions fresh = ImportOptions.defaults().withFreshIds();

    assertThatThrownBy(() -> SessionImporter.of(store).importSession(ImportSource.of(export), fresh))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.reason()).contains("burst of 3"));
    assertThatThrownBy(() -> SessionImporter.builder(store).batchSize(3).build()
        .importSession(ImportSource.of(export), fresh)).isInstanceOf(RateLimitExceededException.class);
    assertThat(memory.listSessions(SessionQuery.forOwner("carol").build()).items()).hasSize(1);

    assertThat(SessionImporter.of(memory).importSession(ImportSource.of(export), fresh).messagesImported()).isEqualTo(4);
  }

  @Test
  void aClockThatStepsBackNeitherRefillsNorStallsTheBuckets() {
    appendTimes(alice, 3);
    clock.set(ManualClock.START.minus(Duration.ofHours(1)));
    assertThatThrownBy(() -> store.append(alice, NewMessage.user("x")))
        .isInstanceOfSatisfying(RateLimitExceededException.class, e -> assertThat(e.retryAfter()).isEqualTo(INTERVAL));
    clock.advance(INTERVAL);
    store.append(alice, NewMessage.user("one interval after the step back"));
    assertThatThrownBy(() -> store.append(alice, NewMessage.user("x"))).isInstanceOf(RateLimitExceededException.class);
  }

  @Test
  void aPurgedIdMadeAgainIsChargedToItsNewOwner() {
    memory.createSession(NewSession.forOwner("alice").id("shared-id").build());
    appendTimes("shared-id", 3);
    store.purgeSession("shared-id");
    memory.createSession(NewSession.forOwner("bob").id("shared-id").build());
    appendTimes("shared-id", 3);
    assertThatThrownBy(() -> store.append("shared-id", NewMessage.user("x")))
        .isInstanceOfSatisfying(RateLimitExceededException.class, e -> assertThat(e.ownerId()).isEqualTo("bob"));
    assertThatThrownBy(() -> store.append(alice, NewMessage.user("x")))
        .isInstanceOfSatisfying(RateLimitExceededException.class, e -> assertThat(e.ownerId()).isEqualTo("alice"));
  }

  @Test
  void itIsJustAStoreUnderAManagerAndOverAnotherDecorator() {
    SessionManager manager = SessionManager.of(store, "dave");
    manager.create("limited chat");
    manager.recordUserMessage("1");
    manager.recordUserMessage("2");
    manager.openReply().complete();
    assertThatThrownBy(() -> manager.recordUserMessage("4")).isInstanceOf(RateLimitExceededException.class);
    assertThat(manager.refresh().messageCount()).isEqualTo(3);

    AtomicInteger appendsBelow = new AtomicInteger();
    SessionStore counting = new ForwardingSessionStore(memory) {
      @Override
      public Message append(String sessionId, NewMessage message) {
        appendsBelow.incrementAndGet();
        return super.append(sessionId, message);
      }
    };
    RateLimitedStore over = RateLimitedStore.over(counting, MessageRateLimit.of(1, Duration.ofHours(1)), clock);
    String erin = session("erin");
    over.append(erin, NewMessage.user("1"));
    assertThatThrownBy(() -> over.append(erin, NewMessage.user("2"))).isInstanceOf(RateLimitExceededException.class);
    assertThat(appendsBelow).hasValue(1); // the refused write never reached the store underneath
    assertThat(over.limit()).isEqualTo(MessageRateLimit.of(1, Duration.ofHours(1)));
  }

  @Test
  void nullArgumentsAreRefusedByName() {
    MessageRateLimit limit = MessageRateLimit.of(1, Duration.ofSeconds(1));
    assertThatThrownBy(() -> RateLimitedStore.over(null, limit))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("store"));
    assertThatThrownBy(() -> RateLimitedStore.over(memory, null))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    assertThatThrownBy(() -> RateLimitedStore.over(memory, limit, null))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("clock"));
  }

  private String session(String owner) {
    return memory.createSession(NewSession.forOwner(owner).build()).id();
  }

  private void appendTimes(String sessionId, int times) {
    for (int i = 0; i < times; i++) {
      store.append(sessionId, NewMessage.user("message " + i));
    }
  }
}
