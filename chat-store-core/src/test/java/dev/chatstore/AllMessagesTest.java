package dev.chatstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Walking a whole history: in order, page by page underneath, failing early for an unknown session. */
class AllMessagesTest {
  private final List<MessageQuery> queries = new ArrayList<>();
  private final SessionStore store = new ForwardingSessionStore(SessionStore.inMemory()) {
    @Override
    public Page<Message> messages(String sessionId, MessageQuery query) {
      queries.add(query);
      return super.messages(sessionId, query);
    }
  };

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void everyMessageComesInOrderReadAPageAtATime() {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    int count = 2 * SessionStore.ALL_MESSAGES_PAGE + 7;
    List<NewMessage> batch = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      batch.add(NewMessage.user("m" + i));
    }
    store.appendAll(s.id(), batch);

    assertThat(store.allMessages(s.id()).map(Message::seq).toList())
        .isEqualTo(LongStream.rangeClosed(1, count).boxed().toList());
    assertThat(queries).hasSize(4).allSatisfy(q -> assertThat(q.limit()).isEqualTo(SessionStore.ALL_MESSAGES_PAGE));
  }

  @Test
  void theWalkEndsAtTheFirstReadThatFindsNothingNew() {
    ChatSession empty = store.createSession(NewSession.forOwner("o").build());
    assertThat(store.allMessages(empty.id())).isEmpty();
    assertThat(queries).hasSize(1);

    ChatSession exact = store.createSession(NewSession.forOwner("o").build());
    List<NewMessage> batch = new ArrayList<>();
    for (int i = 0; i < SessionStore.ALL_MESSAGES_PAGE; i++) {
      batch.add(NewMessage.user("m"));
    }
    store.appendAll(exact.id(), batch);
    queries.clear();
    assertThat(store.allMessages(exact.id()).count()).isEqualTo(SessionStore.ALL_MESSAGES_PAGE);
    assertThat(queries).hasSize(2);
  }

  @Test
  void messagesAppendedWhileWalkingAreIncludedWhenReached() {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    store.append(s.id(), NewMessage.user("first"));
    Iterator<Message> walk = store.allMessages(s.id()).iterator();
    assertThat(walk.next().content()).isEqualTo("first");
    store.append(s.id(), NewMessage.assistant("second"));
    assertThat(walk.next().content()).isEqualTo("second");
    assertThat(walk.hasNext()).isFalse();
  }

  @Test
  void anUnknownSessionFailsAtTheCall() {
    assertThatThrownBy(() -> store.allMessages("no-such-session")).isInstanceOf(SessionNotFoundException.class);
    assertThatThrownBy(() -> store.allMessages(null)).isInstanceOf(InvalidInputException.class);
  }
}
