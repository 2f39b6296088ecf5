package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Message pages: ascending seq inside a page, cursors in both directions present exactly when there
 * is more that way, keyset behaviour when messages arrive between reads, and afterSeq polling.
 */
public abstract class PagingContract extends ContractArea {

  protected PagingContract(SessionStoreContract contract) {
    super(contract);
  }

  private Page<Message> page(String sessionId, MessageQuery query) {
    return store().messages(sessionId, query);
  }

  private static void assertPage(Page<Message> page, long firstSeq, long lastSeq, boolean older, boolean newer) {
    assertThat(seqs(page.items())).as("seqs").isEqualTo(range(firstSeq, lastSeq));
    assertThat(page.hasPrevious()).as("previousCursor present").isEqualTo(older);
    assertThat(page.hasNext()).as("nextCursor present").isEqualTo(newer);
  }

  /** An empty page has no cursor either way, even in a session that has messages. */
  private static void assertEmpty(Page<Message> page) {
    assertThat(page.items()).isEmpty();
    assertThat(page.hasPrevious()).as("previousCursor of an empty page").isFalse();
    assertThat(page.hasNext()).as("nextCursor of an empty page").isFalse();
  }

  private static List<Long> range(long from, long to) {
    return oneTo(to).subList((int) from - 1, (int) to);
  }

  @Test
  void anEmptySessionGivesEmptyPagesWithoutCursors() {
    ChatSession s = newSession();
    for (MessageQuery q : List.of(MessageQuery.latest(10), MessageQuery.earliest(10),
        MessageQuery.afterSeq(0, 10), MessageQuery.beforeSeq(1, 10), MessageQuery.beforeSeq(100, 10))) {
      Page<Message> p = page(s.id(), q);
      assertThat(p.items()).as("%s", q).isEmpty();
      assertThat(p.hasPrevious()).as("%s", q).isFalse();
      assertThat(p.hasNext()).as("%s", q).isFalse();
    }
    assertThat(store().recentMessages(s.id(), 5)).isEmpty();
  }

  @Test
  void walkingBackFromTheLatestPage() {
    ChatSession s = newSession();
    appendUsers(s.id(), 25);

    Page<Message> p1 = page(s.id(), MessageQuery.latest(10));
    assertPage(p1, 16, 25, true, false);
    Page<Message> p2 = page(s.id(), MessageQuery.from(p1.previousCursor().orElseThrow(), 10));
    assertPage(p2, 6, 15, true, true);
    Page<Message> p3 = page(s.id(), MessageQuery.from(p2.previousCursor().orElseThrow(), 10));
    assertPage(p3, 1, 5, false, true);

    assertThat(contents(p3.items())).containsExactly("m1", "m2", "m3", "m4", "m5");
    assertThat(page(s.id(), MessageQuery.from(p3.nextCursor().orElseThrow(), 10)).items())
        .isEqualTo(p2.items());
  }

  @Test
  void walkingForwardFromTheEarliestPage() {
    ChatSession s = newSession();
    appendUsers(s.id(), 25);

    Page<Message> p1 = page(s.id(), MessageQuery.earliest(10));
    assertPage(p1, 1, 10, false, true);
    Page<Message> p2 = page(s.id(), MessageQuery.from(p1.nextCursor().orElseThrow(), 10));
    assertPage(p2, 11, 20, true, true);
    Page<Message> p3 = page(s.id(), MessageQuery.from(p2.nextCursor().orElseThrow(), 10));
    assertPage(p3, 21, 25, true, false);
    assertThat(page(s.id(), MessageQuery.from(p3.previousCursor().orElseThrow(), 10)).items())
        .isEqualTo(p2.items());
  }

  @Test
  void exactPageMultiplesEndWithoutACursorToAnEmptyPage() {
    ChatSession s = newSession();
    appendUsers(s.id(), 20);

    Page<Message> latest = page(s.id(), MessageQuery.latest(10));
    assertPage(latest, 11, 20, true, false);
    assertPage(page(s.id(), MessageQuery.from(latest.previousCursor().orElseThrow(), 10)), 1, 10, false, true);

    Page<Message> earliest = page(s.id(), MessageQuery.earliest(10));
    assertPage(earliest, 1, 10, false, true);
    assertPage(page(s.id(), MessageQuery.from(earliest.nextCursor().orElseThrow(), 10)), 11, 20, true, false);

    assertPage(page(s.id(), MessageQuery.latest(20)), 1, 20, false, false);
    assertPage(page(s.id(), MessageQuery.earliest(1000)), 1, 20, false, false);
  }

  @Test
  void aMessageAppendedBetweenTwoReadsIsNeitherRepeatedNorSkipped() {
    ChatSession s = newSession();
    appendUsers(s.id(), 20);

    Page<Message> latest = page(s.id(), MessageQuery.latest(10));
    Page<Message> earliest = page(s.id(), MessageQuery.earliest(10));
    store().append(s.id(), NewMessage.user("m21"));

    assertPage(page(s.id(), MessageQuery.from(latest.previousCursor().orElseThrow(), 10)), 1, 10, false, true);
    Page<Message> second = page(s.id(), MessageQuery.from(earliest.nextCursor().orElseThrow(), 10));
    assertPage(second, 11, 20, true, true);
    Page<Message> third = page(s.id(), MessageQuery.from(second.nextCursor().orElseThrow(), 10));
    assertPage(third, 21, 21, true, false);
    assertThat(third.items().get(0).content()).isEqualTo("m21");
  }

  @Test
  void afterSeqIsHowAReaderPollsForNewMessages() {
    ChatSession s = newSession();
    appendUsers(s.id(), 3);
    long lastSeen = page(s.id(), MessageQuery.latest(10)).items().get(2).seq();

    assertThat(page(s.id(), MessageQuery.afterSeq(lastSeen, 100)).items()).isEmpty();
    store().append(s.id(), NewMessage.user("m4"));
    store().append(s.id(), NewMessage.assistant("m5"));

    Page<Message> fresh = page(s.id(), MessageQuery.afterSeq(lastSeen, 100));
    assertPage(fresh, 4, 5, true, false);
    assertThat(contents(fresh.items())).containsExactly("m4", "m5");
    assertEmpty(page(s.id(), MessageQuery.afterSeq(5, 100)));
    assertEmpty(page(s.id(), MessageQuery.afterSeq(999, 100)));
    assertPage(page(s.id(), MessageQuery.afterSeq(0, 2)), 1, 2, false, true);
  }

  @Test
  void beforeSeqGivesTheNearestOlderMessagesInAscendingOrder() {
    ChatSession s = newSession();
    appendUsers(s.id(), 10);

    assertPage(page(s.id(), MessageQuery.beforeSeq(6, 3)), 3, 5, true, true);
    assertPage(page(s.id(), MessageQuery.beforeSeq(3, 5)), 1, 2, false, true);
    assertEmpty(page(s.id(), MessageQuery.beforeSeq(1, 5)));
    assertPage(page(s.id(), MessageQuery.beforeSeq(500, 3)), 8, 10, true, false);
  }

  @Test
  void pagesOfOneWalkEveryMessageOnce() {
    ChatSession s = newSession();
    appendUsers(s.id(), 5);

    Page<Message> p = page(s.id(), MessageQuery.earliest(1));
    StringBuilder seen = new StringBuilder(p.items().get(0).content());
    while (p.hasNext()) {
      p = page(s.id(), MessageQuery.from(p.nextCursor().get(), 1));
      assertThat(p.items()).hasSize(1);
      seen.append(',').append(p.items().get(0).content());
    }
    assertThat(seen).hasToString("m1,m2,m3,m4,m5");
  }

  @Test
  void recentMessagesAreTheNewestInConversationOrder() {
    ChatSession s = newSession();
    List<Message> all = appendUsers(s.id(), 7);

    assertThat(store().recentMessages(s.id(), 3)).isEqualTo(all.subList(4, 7));
    assertThat(store().recentMessages(s.id(), 100)).isEqualTo(all);
    assertThat(store().recentMessages(s.id(), 1)).containsExactly(all.get(6));
  }

  @Test
  void pageItemsEqualWhatWasAppended() {
    ChatSession s = newSession();
    List<Message> all = appendUsers(s.id(), 4);
    assertThat(page(s.id(), MessageQuery.earliest(MessageQuery.MAX_LIMIT)).items()).isEqualTo(all);
    assertThat(page(s.id(), MessageQuery.latest(2)).items()).isEqualTo(all.subList(2, 4));
  }

  @Test
  void aDeletedSessionsMessagesStayPageable() {
    ChatSession s = newSession();
    appendUsers(s.id(), 3);
    store().deleteSession(s.id());
    assertPage(page(s.id(), MessageQuery.latest(2)), 2, 3, true, false);
  }
}
