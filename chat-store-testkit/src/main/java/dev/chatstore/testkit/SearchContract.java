package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Searching one owner's messages: case-insensitive substring, owner scope, deleted sessions, order, pages. */
public abstract class SearchContract extends ContractArea {

  protected SearchContract(SessionStoreContract contract) {
    super(contract);
  }

  private List<Message> search(String owner, String text) {
    return store().searchMessages(owner, text, PageRequest.first(PageRequest.MAX_LIMIT)).items();
  }

  private static List<String> ids(List<Message> messages) {
    return messages.stream().map(Message::id).toList();
  }

  @Test
  void findsSubstringsIgnoringCaseAcrossTheOwnersSessions() {
    ChatSession a = newSession();
    ChatSession b = newSession();
    Message m1 = store().append(a.id(), NewMessage.user("Where is the Eiffel Tower?"));
    store().append(a.id(), NewMessage.assistant("In Paris."));
    Message m3 = store().append(b.id(), NewMessage.user("how tall is the eiffel tower"));

    assertThat(ids(search(OWNER, "EIFFEL"))).containsExactly(m3.id(), m1.id());
    assertThat(ids(search(OWNER, "iffel tow"))).containsExactly(m3.id(), m1.id());
    assertThat(search(OWNER, "louvre")).isEmpty();
  }

  @Test
  void hitsAreTheStoredMessagesNewestFirst() {
    ChatSession a = newSession();
    ChatSession b = newSession();
    List<Message> hits = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      hits.add(store().append(i % 2 == 0 ? a.id() : b.id(), NewMessage.user("needle " + i)));
      store().append(a.id(), NewMessage.user("hay " + i));
    }

    List<Message> found = search(OWNER, "needle");

    assertThat(found).containsExactlyInAnyOrderElementsOf(hits);
    assertThat(found).isSortedAccordingTo(Comparator.comparing(Message::id).reversed());
  }

  @Test
  void anotherOwnerNeverSeesTheMessages() {
    ChatSession a = newSession(OWNER);
    store().append(a.id(), NewMessage.user("confidential merger"));
    ChatSession b = newSession(OTHER_OWNER);
    Message theirs = store().append(b.id(), NewMessage.user("public merger news"));

    assertThat(ids(search(OTHER_OWNER, "merger"))).containsExactly(theirs.id());
    assertThat(search(OTHER_OWNER, "confidential")).isEmpty();
    assertThat(search("nobody", "merger")).isEmpty();
  }

  @Test
  void deletedSessionsAreLeftOutUntilRestored() {
    ChatSession kept = newSession();
    ChatSession gone = newSession();
    Message k = store().append(kept.id(), NewMessage.user("topic"));
    Message g = store().append(gone.id(), NewMessage.user("topic"));
    store().deleteSession(gone.id());

    assertThat(ids(search(OWNER, "topic"))).containsExactly(k.id());
    store().restoreSession(gone.id());
    assertThat(ids(search(OWNER, "topic"))).containsExactly(g.id(), k.id());
    store().purgeSession(gone.id());
    assertThat(ids(search(OWNER, "topic"))).containsExactly(k.id());
  }

  @Test
  void pagesWalkEveryHitOnceNewestFirst() {
    ChatSession s = newSession();
    List<String> hitIds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      hitIds.add(store().append(s.id(), NewMessage.user("match " + i)).id());
    }
    List<String> expected = new ArrayList<>(hitIds);
    java.util.Collections.reverse(expected);

    Page<Message> p1 = store().searchMessages(OWNER, "match", PageRequest.first(2));
    assertThat(p1.hasPrevious()).isFalse();
    Page<Message> p2 = store().searchMessages(OWNER, "match", PageRequest.from(p1.nextCursor().orElseThrow(), 2));
    Page<Message> p3 = store().searchMessages(OWNER, "match", PageRequest.from(p2.nextCursor().orElseThrow(), 2));

    List<String> walked = new ArrayList<>(ids(p1.items()));
    walked.addAll(ids(p2.items()));
    walked.addAll(ids(p3.items()));
    assertThat(walked).isEqualTo(expected);
    assertThat(p2.hasPrevious()).isTrue();
    assertThat(p3.hasNext()).isFalse();
  }

  @Test
  void anExactMultipleOfHitsEndsWithoutANextCursor() {
    ChatSession s = newSession();
    for (int i = 0; i < 4; i++) {
      store().append(s.id(), NewMessage.user("match " + i));
    }
    Page<Message> p1 = store().searchMessages(OWNER, "match", PageRequest.first(2));
    Page<Message> p2 = store().searchMessages(OWNER, "match", PageRequest.from(p1.nextCursor().orElseThrow(), 2));
    assertThat(p2.items()).hasSize(2);
    assertThat(p2.hasNext()).isFalse();
    assertThat(store().searchMessages(OWNER, "match", PageRequest.first(4)).hasNext()).isFalse();
    assertThat(store().searchMessages(OWNER, "no match here", PageRequest.first(4)))
        .isEqualTo(Page.empty());
  }

  @Test
  void wildcardsAndQuotesInTheTextAreLiteral() {
    ChatSession s = newSession();
    Message percent = store().append(s.id(), NewMessage.user("I am 100% sure"));
    store().append(s.id(), NewMessage.user("I am 1000 sure"));
    Message underscore = store().append(s.id(), NewMessage.user("call snake_case"));
    store().append(s.id(), NewMessage.user("call snakeXcase"));
    Message sql = store().append(s.id(), NewMessage.user("say '; DROP TABLE messages; -- please"));
    Message backslash = store().append(s.id(), NewMessage.user("path C:\\temp\\new"));

    assertThat(ids(search(OWNER, "0% s"))).containsExactly(percent.id());
    assertThat(ids(search(OWNER, "%"))).containsExactly(percent.id());
    assertThat(ids(search(OWNER, "e_c"))).containsExactly(underscore.id());
    assertThat(ids(search(OWNER, "_"))).containsExactly(underscore.id());
    assertThat(ids(search(OWNER, "'; DROP TABLE messages; --"))).containsExactly(sql.id());
    assertThat(ids(search(OWNER, "\\temp\\"))).containsExactly(backslash.id());
    assertThat(search(OWNER, "\\")).extracting(Message::id).containsExactly(backslash.id());
    assertThat(search(OWNER, "*")).isEmpty();
  }
}
