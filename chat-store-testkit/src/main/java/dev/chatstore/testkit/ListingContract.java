package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Page;
import dev.chatstore.Role;
import dev.chatstore.SessionOrder;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Listing one owner's sessions: owner scope, project and text filters, both orders, includeDeleted,
 * keyset cursors, and what a summary holds.
 */
public abstract class ListingContract extends ContractArea {
  private static final Comparator<SessionSummary> OLDEST_FIRST =
      Comparator.comparing(SessionSummary::updatedAt).thenComparing(SessionSummary::id);

  protected ListingContract(SessionStoreContract contract) {
    super(contract);
  }

  private List<SessionSummary> list(SessionQuery query) {
    return store().listSessions(query).items();
  }

  private static List<String> ids(List<SessionSummary> summaries) {
    return summaries.stream().map(SessionSummary::id).toList();
  }

  private List<String> createSessions(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(store().createSession(NewSession.forOwner(OWNER).title("s" + i).build()).id());
    }
    return ids;
  }

  @Test
  void anOwnerSeesOnlyTheirOwnSessions() {
    ChatSession a1 = newSession(OWNER);
    ChatSession a2 = newSession(OWNER);
    ChatSession b1 = newSession(OTHER_OWNER);

    assertThat(ids(list(SessionQuery.of(OWNER)))).containsExactlyInAnyOrder(a1.id(), a2.id());
    assertThat(ids(list(SessionQuery.of(OTHER_OWNER)))).containsExactly(b1.id());
    assertThat(store().listSessions(SessionQuery.of("owner-without-sessions"))).isEqualTo(Page.empty());
    assertThat(list(SessionQuery.forOwner(OTHER_OWNER).includeDeleted(true).build())).extracting("ownerId")
        .containsOnly(OTHER_OWNER);
  }

  @Test
  void theTextFilterNeverReachesAnotherOwnersSessions() {
    ChatSession a = store().createSession(NewSession.forOwner(OWNER).title("secret plans").build());
    store().append(a.id(), NewMessage.user("the password is swordfish"));
    newSession(OTHER_OWNER);

    assertThat(list(SessionQuery.forOwner(OTHER_OWNER).text("swordfish").build())).isEmpty();
    assertThat(list(SessionQuery.forOwner(OTHER_OWNER).text("secret").build())).isEmpty();
    assertThat(ids(list(SessionQuery.forOwner(OWNER).text("swordfish").build()))).containsExactly(a.id());
  }

  @Test
  void aSummaryHoldsWhatASidebarShows() {
    ChatSession s = store().createSession(NewSession.forOwner(OWNER).project("p1").title("Sidebar").build());
    store().append(s.id(), NewMessage.user("first"));
    store().append(s.id(), NewMessage.assistant("the latest reply"));
    ChatSession now = store().getSession(s.id());

    SessionSummary summary = list(SessionQuery.of(OWNER)).get(0);

    assertThat(summary).isEqualTo(new SessionSummary(s.id(), OWNER, now.projectId(), "Sidebar", now.createdAt(),
        now.updatedAt(), 2, "the latest reply", now.deletedAt(), now.key()));
  }

  @Test
  void aSessionWithoutMessagesHasAnEmptyPreview() {
    newSession();
    assertThat(list(SessionQuery.of(OWNER)).get(0).preview()).isEmpty();
  }

  @Test
  void thePreviewIsCutTo200CharsWithoutSplittingASurrogatePair() {
    ChatSession plain = newSession();
    String longText = "x".repeat(250);
    store().append(plain.id(), NewMessage.user(longText));
    ChatSession split = newSession();
    String pairAt199 = "y".repeat(199) + "😀" + "tail";
    store().append(split.id(), NewMessage.user(pairAt199));

    List<SessionSummary> all = list(SessionQuery.of(OWNER));
    SessionSummary p = all.stream().filter(x -> x.id().equals(plain.id())).findFirst().orElseThrow();
    SessionSummary q = all.stream().filter(x -> x.id().equals(split.id())).findFirst().orElseThrow();

    assertThat(p.preview()).isEqualTo(longText.substring(0, SessionSummary.PREVIEW_LENGTH));
    assertThat(q.preview()).isEqualTo("y".repeat(199));
  }

  @Test
  void thePreviewFollowsAStreamOnlyWhenItEnds() {
    ChatSession s = newSession();
    store().append(s.id(), NewMessage.user("question"));
    try (MessageStream stream = store().openStream(s.id(), Role.ASSISTANT)) {
      stream.append("partial answer");
      stream.flush();
      SessionSummary during = list(SessionQuery.of(OWNER)).get(0);
      assertThat(during.preview()).isEqualTo("question");
      assertThat(during.messageCount()).isEqualTo(2);
      stream.append(", finished").complete();
    }
    assertThat(list(SessionQuery.of(OWNER)).get(0).preview()).isEqualTo("partial answer, finished");
  }

  @Test
  void theProjectFilterKeepsOnlyThatProject() {
    ChatSession p1a = store().createSession(NewSession.forOwner(OWNER).project("p1").build());
    ChatSession p1b = store().createSession(NewSession.forOwner(OWNER).project("p1").build());
    store().createSession(NewSession.forOwner(OWNER).project("p2").build());
    newSession();
    store().createSession(NewSession.forOwner(OTHER_OWNER).project("p1").build());

    assertThat(ids(list(SessionQuery.forOwner(OWNER).project("p1").build())))
        .containsExactlyInAnyOrder(p1a.id(), p1b.id());
    assertThat(list(SessionQuery.forOwner(OWNER).project("p3").build())).isEmpty();
    assertThat(list(SessionQuery.of(OWNER))).hasSize(4);
  }

  @Test
  void recentlyUpdatedComesFirstAndAnAppendMovesASessionUp() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(newSession().id());
      tick();
    }
    assertThat(ids(list(SessionQuery.of(OWNER)))).containsExactly(created.get(2), created.get(1), created.get(0));

    store().append(created.get(0), NewMessage.user("bump"));

    assertThat(ids(list(SessionQuery.of(OWNER)))).containsExactly(created.get(0), created.get(2), created.get(1));
    assertThat(ids(list(SessionQuery.forOwner(OWNER).order(SessionOrder.LEAST_RECENTLY_UPDATED).build())))
        .containsExactly(created.get(1), created.get(2), created.get(0));
  }

  @Test
  void bothOrdersAreSortedByUpdatedAtThenId() {
    createSessions(12);
    List<SessionSummary> recent = list(SessionQuery.of(OWNER));
    List<SessionSummary> least = list(SessionQuery.forOwner(OWNER).order(SessionOrder.LEAST_RECENTLY_UPDATED).build());

    assertThat(recent).hasSize(12).isSortedAccordingTo(OLDEST_FIRST.reversed());
    assertThat(least).isSortedAccordingTo(OLDEST_FIRST);
    List<SessionSummary> reversed = new ArrayList<>(least);
    java.util.Collections.reverse(reversed);
    assertThat(recent).isEqualTo(reversed);
  }

  @Test
  void deletedSessionsAreListedOnlyWithIncludeDeleted() {
    ChatSession kept = newSession();
    ChatSession gone = newSession();
    store().deleteSession(gone.id());

    assertThat(ids(list(SessionQuery.of(OWNER)))).containsExactly(kept.id());
    List<SessionSummary> trash = list(SessionQuery.forOwner(OWNER).includeDeleted(true).build());
    assertThat(ids(trash)).containsExactlyInAnyOrder(kept.id(), gone.id());
    assertThat(trash.stream().filter(x -> x.id().equals(gone.id())).findFirst().orElseThrow().deletedAt())
        .isPresent();

    store().restoreSession(gone.id());
    assertThat(ids(list(SessionQuery.of(OWNER)))).containsExactlyInAnyOrder(kept.id(), gone.id());
  }

  @Test
  void cursorsWalkEveryPageOnceInBothOrders() {
    List<String> created = createSessions(7);
    for (SessionOrder order : SessionOrder.values()) {
      List<String> all = ids(list(SessionQuery.forOwner(OWNER).order(order).build()));
      assertThat(all).containsExactlyInAnyOrderElementsOf(created);

      SessionQuery.Builder q = SessionQuery.forOwner(OWNER).order(order).limit(3);
      Page<SessionSummary> p1 = store().listSessions(q.build());
      assertThat(p1.hasPrevious()).isFalse();
      assertThat(p1.hasNext()).isTrue();
      Page<SessionSummary> p2 = store().listSessions(q.cursor(p1.nextCursor().orElseThrow()).build());
      assertThat(p2.hasPrevious()).isTrue();
      assertThat(p2.hasNext()).isTrue();
      Page<SessionSummary> p3 = store().listSessions(q.cursor(p2.nextCursor().orElseThrow()).build());
      assertThat(p3.hasNext()).isFalse();
      assertThat(p3.hasPrevious()).isTrue();

      List<String> walked = new ArrayList<>(ids(p1.items()));
      walked.addAll(ids(p2.items()));
      walked.addAll(ids(p3.items()));
      assertThat(walked).as("%s", order).isEqualTo(all);

      Page<SessionSummary> back = store().listSessions(q.cursor(p2.previousCursor().orElseThrow()).build());
      assertThat(ids(back.items())).as("back from page 2 in %s", order).isEqualTo(ids(p1.items()));
      assertThat(back.hasPrevious()).isFalse();
    }
  }

  @Test
  void anExactMultipleEndsWithoutANextCursor() {
    createSessions(6);
    SessionQuery.Builder q = SessionQuery.forOwner(OWNER).limit(3);
    Page<SessionSummary> p1 = store().listSessions(q.build());
    Page<SessionSummary> p2 = store().listSessions(q.cursor(p1.nextCursor().orElseThrow()).build());
    assertThat(p2.items()).hasSize(3);
    assertThat(p2.hasNext()).isFalse();
    assertThat(store().listSessions(SessionQuery.forOwner(OWNER).limit(6).build()).hasNext()).isFalse();
  }

  @Test
  void aSessionCreatedBetweenTwoReadsIsNeitherRepeatedNorSkipped() {
    createSessions(6);
    List<String> before = ids(list(SessionQuery.forOwner(OWNER).order(SessionOrder.LEAST_RECENTLY_UPDATED).build()));
    SessionQuery.Builder least = SessionQuery.forOwner(OWNER).order(SessionOrder.LEAST_RECENTLY_UPDATED).limit(3);
    SessionQuery.Builder recent = SessionQuery.forOwner(OWNER).limit(3);
    Page<SessionSummary> leastFirst = store().listSessions(least.build());
    Page<SessionSummary> recentFirst = store().listSessions(recent.build());
    List<String> recentAll = ids(list(SessionQuery.of(OWNER)));

    tick();
    String added = newSession().id();

    Page<SessionSummary> leastRest = store().listSessions(least.limit(10).cursor(leastFirst.nextCursor().orElseThrow()).build());
    List<String> expected = new ArrayList<>(before.subList(3, 6));
    expected.add(added);
    assertThat(ids(leastRest.items())).isEqualTo(expected);

    Page<SessionSummary> recentRest = store().listSessions(recent.cursor(recentFirst.nextCursor().orElseThrow()).build());
    assertThat(ids(recentRest.items())).isEqualTo(recentAll.subList(3, 6));
  }

  @Test
  void theTextFilterMatchesTitlesAndMessagesIgnoringCase() {
    ChatSession byTitle = store().createSession(NewSession.forOwner(OWNER).title("Budget REVIEW 2024").build());
    ChatSession byMessage = newSession();
    store().append(byMessage.id(), NewMessage.user("intro"));
    store().append(byMessage.id(), NewMessage.assistant("Let's review the budget"));
    ChatSession neither = store().createSession(NewSession.forOwner(OWNER).title("Holidays").build());
    store().append(neither.id(), NewMessage.user("beaches"));

    assertThat(ids(list(SessionQuery.forOwner(OWNER).text("review").build())))
        .containsExactlyInAnyOrder(byTitle.id(), byMessage.id());
    assertThat(ids(list(SessionQuery.forOwner(OWNER).text("BEACH").build()))).containsExactly(neither.id());
    assertThat(list(SessionQuery.forOwner(OWNER).text("nowhere to be found").build())).isEmpty();
  }

  @Test
  void wildcardsInTheTextFilterAreLiteral() {
    ChatSession percent = store().createSession(NewSession.forOwner(OWNER).title("100% done").build());
    store().createSession(NewSession.forOwner(OWNER).title("1000 done").build());
    ChatSession underscore = newSession();
    store().append(underscore.id(), NewMessage.user("use snake_case"));
    ChatSession other = newSession();
    store().append(other.id(), NewMessage.user("use snakeXcase"));

    assertThat(ids(list(SessionQuery.forOwner(OWNER).text("0% d").build()))).containsExactly(percent.id());
    assertThat(ids(list(SessionQuery.forOwner(OWNER).text("e_c").build()))).containsExactly(underscore.id());
    assertThat(list(SessionQuery.forOwner(OWNER).text("'; DROP TABLE sessions; --").build())).isEmpty();
    assertThat(list(SessionQuery.of(OWNER))).hasSize(4);
  }

  @Test
  void theFiltersCombine() {
    ChatSession match = store().createSession(NewSession.forOwner(OWNER).project("p1").title("alpha").build());
    ChatSession deleted = store().createSession(NewSession.forOwner(OWNER).project("p1").title("alpha two").build());
    store().createSession(NewSession.forOwner(OWNER).project("p2").title("alpha").build());
    store().createSession(NewSession.forOwner(OWNER).project("p1").title("beta").build());
    store().deleteSession(deleted.id());

    assertThat(ids(list(SessionQuery.forOwner(OWNER).project("p1").text("ALPHA").build())))
        .containsExactly(match.id());
    assertThat(ids(list(SessionQuery.forOwner(OWNER).project("p1").text("alpha").includeDeleted(true).build())))
        .containsExactlyInAnyOrder(match.id(), deleted.id());
  }
}
