package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertConflict;
import static dev.chatstore.testkit.ContractAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionSummary;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StreamOptions;
import dev.chatstore.transfer.ExportFormat;
import dev.chatstore.transfer.ImportOptions;
import dev.chatstore.transfer.ImportResult;
import dev.chatstore.transfer.ImportSource;
import dev.chatstore.transfer.SessionExporter;
import dev.chatstore.transfer.SessionImporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Owner views ({@code store.forOwner(owner)}): through {@link #OWNER}'s view, every method given
 * {@link #OTHER_OWNER}'s session or message ids answers exactly (type and message) as it answers an
 * id nobody has, and leaves the other owner's data as it was; creating assigns the view's owner;
 * lists, latest, search, keys and cursors stay within it; forks, streams and imports too.
 */
public abstract class OwnerScopeContract extends ContractArea {
  private static final String NO_SESSION = "0190a5e2-0000-7000-8000-00000000abcd";
  private static final String NO_MESSAGE = "no-such-message";
  private static final String STRANGER = "owner-with-nothing";

  protected OwnerScopeContract(SessionStoreContract contract) {
    super(contract);
  }

  private SessionStore view() {
    return store().forOwner(OWNER);
  }

  /** Every method that takes a session id, as (session id, message id) → result; the defaults included. */
  private static Map<String, BiFunction<String, String, Object>> sessionCalls(SessionStore s) {
    return Map.ofEntries(
        Map.entry("findSession", (id, m) -> s.findSession(id)),
        Map.entry("getSession", (id, m) -> s.getSession(id)),
        Map.entry("updateSession", (id, m) -> s.updateSession(id, 1, SessionUpdate.title("taken over"))),
        Map.entry("deleteSession", (id, m) -> s.deleteSession(id)),
        Map.entry("restoreSession", (id, m) -> s.restoreSession(id)),
        Map.entry("purgeSession", (id, m) -> {
          s.purgeSession(id);
          return "purged";
        }),
        Map.entry("append", (id, m) -> s.append(id, NewMessage.user("planted"))),
        Map.entry("appendAll", (id, m) -> s.appendAll(id, List.of(NewMessage.user("planted")))),
        Map.entry("findMessage", (id, m) -> s.findMessage(id, m)),
        Map.entry("getMessage", (id, m) -> s.getMessage(id, m)),
        Map.entry("messages", (id, m) -> s.messages(id, MessageQuery.latest(10))),
        Map.entry("recentMessages", (id, m) -> s.recentMessages(id, 10)),
        Map.entry("allMessages", (id, m) -> s.allMessages(id).toList()),
        Map.entry("updateMessage(status)", (id, m) -> s.updateMessage(id, m, MessageUpdate.status(MessageStatus.ERROR))),
        Map.entry("updateMessage(parts)", (id, m) -> s.updateMessage(id, m, MessageUpdate.content("rewritten"))),
        Map.entry("messageRevisions", (id, m) -> s.messageRevisions(id, m)),
        Map.entry("toolExecutions", (id, m) -> s.toolExecutions(id)),
        Map.entry("openStream(options)", (id, m) -> s.openStream(id, StreamOptions.assistant())),
        Map.entry("openStream(role)", (id, m) -> s.openStream(id, Role.ASSISTANT)),
        Map.entry("fork(title)", (id, m) -> s.fork(id, m, "stolen")),
        Map.entry("fork", (id, m) -> s.fork(id, m)));
  }

  /** What {@code store} answers for an unknown id, as it would read naming {@code id}. */
  private static CallOutcome asUnknown(BiFunction<String, String, Object> call, String unknownSession,
      String unknownMessage, String session, String message) {
    return CallOutcome.of(() -> call.apply(unknownSession, unknownMessage))
        .naming(unknownSession, session).naming(unknownMessage, message);
  }

  @Test
  void everyMethodGivenAnotherOwnersSessionAnswersAsForAnUnknownIdAndChangesNothing() {
    TwoOwners two = TwoOwners.in(store(), OWNER, OTHER_OWNER);
    TwoOwners.OwnerData before = two.bData(store(), OTHER_OWNER);
    Map<String, BiFunction<String, String, Object>> shared = sessionCalls(store());
    Map<String, BiFunction<String, String, Object>> viewed = sessionCalls(view());

    for (List<String> ids : two.bIds()) {
      String session = ids.get(0);
      String message = ids.get(1);
      viewed.forEach((name, call) -> {
        CallOutcome expected = asUnknown(shared.get(name), NO_SESSION, message, session, message);
        assertThat(CallOutcome.of(() -> call.apply(session, message)))
            .as("%s(%s, %s) through the other owner's view", name, session, message).isEqualTo(expected);
        assertThat(asUnknown(call, NO_SESSION, message, session, message))
            .as("%s of an unknown id through the view", name).isEqualTo(expected);
      });
    }

    assertThat(two.bData(store(), OTHER_OWNER)).isEqualTo(before);
  }

  @Test
  void anotherOwnersMessageIdInTheOwnersOwnSessionAnswersAsAnUnknownMessage() {
    TwoOwners two = TwoOwners.in(store(), OWNER, OTHER_OWNER);
    TwoOwners.OwnerData before = two.bData(store(), OTHER_OWNER);
    List<String> messageCalls = List.of("findMessage", "getMessage", "updateMessage(status)", "updateMessage(parts)",
        "messageRevisions", "fork(title)", "fork");
    Map<String, BiFunction<String, String, Object>> shared = sessionCalls(store());
    Map<String, BiFunction<String, String, Object>> viewed = sessionCalls(view());
    String own = two.a().id();

    for (List<String> ids : two.bIds()) {
      String message = ids.get(1);
      for (String name : messageCalls) {
        CallOutcome expected = asUnknown(shared.get(name), own, NO_MESSAGE, own, message);
        assertThat(CallOutcome.of(() -> viewed.get(name).apply(own, message)))
            .as("%s(own session, %s) through the view", name, message).isEqualTo(expected);
      }
    }

    assertThat(two.bData(store(), OTHER_OWNER)).isEqualTo(before);
    assertThat(view().findSession(own)).contains(two.a());
  }

  @Test
  void anotherOwnersListsLatestSearchAndKeysAreEmptyAsAStrangersAre() {
    TwoOwners two = TwoOwners.in(store(), OWNER, OTHER_OWNER);
    SessionStore view = view();

    assertThat(view.listSessions(SessionQuery.of(OTHER_OWNER))).isEqualTo(store().listSessions(SessionQuery.of(STRANGER)));
    assertThat(view.listSessions(SessionQuery.forOwner(OTHER_OWNER).includeDeleted(true).text("secret").build()))
        .isEqualTo(Page.empty());
    assertThat(view.latestSession(OTHER_OWNER)).isEmpty();
    assertThat(view.searchMessages(OTHER_OWNER, "secret", PageRequest.first(50))).isEqualTo(Page.empty());
    assertThat(view.findSessionByKey(OTHER_OWNER, TwoOwners.B_KEY)).isEmpty();
    assertThat(store().findSessionByKey(OTHER_OWNER, TwoOwners.B_KEY)).contains(two.b());
  }

  @Test
  void theOwnersListsLatestAndSearchHoldOnlyTheOwnersSessions() {
    TwoOwners two = TwoOwners.in(store(), OWNER, OTHER_OWNER);
    SessionStore view = view();

    assertThat(view.listSessions(SessionQuery.forOwner(OWNER).includeDeleted(true).build()).items())
        .extracting(SessionSummary::id).containsExactly(two.a().id());
    assertThat(view.latestSession(OWNER)).contains(two.a());
    assertThat(view.searchMessages(OWNER, "secret", PageRequest.first(50)).items())
        .extracting(Message::id).containsExactly(two.aMessage().id());
    assertThat(view.findSessionByKey(OWNER, TwoOwners.B_KEY)).isEmpty();
  }

  @Test
  void aKeyAnotherOwnerUsesIsFreeForTheOwner() {
    TwoOwners two = TwoOwners.in(store(), OWNER, OTHER_OWNER);

    ChatSession keyed = view().createSession(NewSession.forOwner(OWNER).key(TwoOwners.B_KEY).build());

    assertThat(view().findSessionByKey(OWNER, TwoOwners.B_KEY)).contains(keyed);
    assertThat(store().findSessionByKey(OTHER_OWNER, TwoOwners.B_KEY)).contains(two.b());
  }

  @Test
  void aCursorFromAnotherOwnersListingNeverYieldsItsRows() {
    TwoOwners two = TwoOwners.in(store(), OWNER, OTHER_OWNER);
    for (int i = 0; i < 3; i++) {
      store().append(newSession(OTHER_OWNER).id(), NewMessage.user("another secret"));
    }
    String sessionCursor = store().listSessions(SessionQuery.forOwner(OTHER_OWNER).limit(1).build())
        .nextCursor().orElseThrow();
    String searchCursor = store().searchMessages(OTHER_OWNER, "secret", PageRequest.first(1)).nextCursor()
        .orElseThrow();

    assertThat(view().listSessions(SessionQuery.forOwner(OWNER).includeDeleted(true).cursor(sessionCursor).build())
        .items()).extracting(SessionSummary::id).containsExactly(two.a().id());
    assertThat(view().listSessions(SessionQuery.forOwner(OTHER_OWNER).includeDeleted(true).cursor(sessionCursor)
        .build()).items()).isEmpty();
    assertThat(view().searchMessages(OWNER, "secret", PageRequest.from(searchCursor, 50)).items())
        .extracting(Message::id).containsExactly(two.aMessage().id());
    assertThat(view().searchMessages(OTHER_OWNER, "secret", PageRequest.from(searchCursor, 50)).items()).isEmpty();
  }

  @Test
  void aMalformedCursorIsRefusedForAnotherOwnerAsForAStranger() {
    TwoOwners.in(store(), OWNER, OTHER_OWNER);
    String bad = "not-a-cursor";

    InvalidInputException listed = assertInvalid(() -> store().listSessions(
        SessionQuery.forOwner(STRANGER).cursor(bad).build()));
    assertInvalid(() -> view().listSessions(SessionQuery.forOwner(OTHER_OWNER).cursor(bad).build()), listed.field());
    InvalidInputException searched = assertInvalid(() -> store().searchMessages(STRANGER, "x",
        PageRequest.from(bad, 5)));
    assertInvalid(() -> view().searchMessages(OTHER_OWNER, "x", PageRequest.from(bad, 5)), searched.field());
  }

  @Test
  void creatingThroughTheViewAssignsTheViewsOwner() {
    ChatSession created = view().createSession(NewSession.forOwner(OTHER_OWNER).title("mine after all").build());

    assertThat(created.ownerId()).isEqualTo(OWNER);
    assertThat(store().getSession(created.id()).ownerId()).isEqualTo(OWNER);
    assertThat(store().listSessions(SessionQuery.of(OTHER_OWNER)).items()).isEmpty();
  }

  @Test
  void anIdAnotherOwnerHoldsIsTakenAsAnyTakenIdIsAndNothingChanges() {
    TwoOwners two = TwoOwners.in(store(), OWNER, OTHER_OWNER);
    TwoOwners.OwnerData before = two.bData(store(), OTHER_OWNER);

    ConflictException own = assertConflict(() -> view().createSession(NewSession.forOwner(OWNER).id(two.a().id())
        .build()), ConflictException.Reason.ALREADY_EXISTS);
    ConflictException others = assertConflict(() -> view().createSession(NewSession.forOwner(OWNER).id(two.b().id())
        .build()), ConflictException.Reason.ALREADY_EXISTS);

    assertThat(others.getMessage()).isEqualTo(own.getMessage().replace(two.a().id(), two.b().id()));
    assertThat(two.bData(store(), OTHER_OWNER)).isEqualTo(before);
  }

  @Test
  void theOwnersOwnSessionsWorkThroughTheView() {
    SessionStore view = view();
    ChatSession s = view.createSession(NewSession.forOwner(OWNER).title("t").build());
    Message first = view.append(s.id(), NewMessage.user("hello"));
    view.appendAll(s.id(), List.of(Fixtures.assistantCalling(Fixtures.call("c1", "tool")),
        Fixtures.toolAnswer("c1", "tool")));
    try (MessageStream reply = view.openStream(s.id(), Role.ASSISTANT)) {
      reply.append("streamed");
      reply.complete();
    }
    view.updateMessage(s.id(), first.id(), MessageUpdate.content("hello again"));

    assertThat(contents(view.allMessages(s.id()).toList()))
        .containsExactly("hello again", "calling tools", "", "streamed");
    assertThat(view.messageRevisions(s.id(), first.id())).hasSize(2);
    assertThat(view.toolExecutions(s.id())).hasSize(1);
    assertThat(view.updateSession(s.id(), 1, SessionUpdate.title("renamed")).title()).isEqualTo("renamed");
    assertThat(view.deleteSession(s.id()).isDeleted()).isTrue();
    assertThat(view.restoreSession(s.id()).isDeleted()).isFalse();
    view.purgeSession(s.id());
    assertThat(store().findSession(s.id())).isEmpty();
  }

  @Test
  void aForkThroughTheViewBelongsToTheOwner() {
    TwoOwners two = TwoOwners.in(store(), OWNER, OTHER_OWNER);

    ChatSession fork = view().fork(two.a().id(), two.aMessage().id(), "branch");

    assertThat(fork.ownerId()).isEqualTo(OWNER);
    assertThat(view().findSession(fork.id())).contains(fork);
    assertThat(contents(allMessages(view(), fork.id()))).containsExactly("a's secret plan");
  }

  @Test
  void aStreamOpensOnlyOnTheOwnersSession() {
    TwoOwners two = TwoOwners.in(store(), OWNER, OTHER_OWNER);
    TwoOwners.OwnerData before = two.bData(store(), OTHER_OWNER);

    CallOutcome refused = CallOutcome.of(() -> view().openStream(two.b().id(), StreamOptions.assistant()));
    try (MessageStream own = view().openStream(two.a().id(), StreamOptions.assistant())) {
      own.append("mine");
      assertThat(own.complete().sessionId()).isEqualTo(two.a().id());
    }

    assertThat(refused.thrown()).contains(SessionNotFoundException.class);
    assertThat(two.bData(store(), OTHER_OWNER)).isEqualTo(before);
  }

  @Test
  void anotherOwnersSessionIsNotFoundForTheExporter() {
    TwoOwners two = TwoOwners.in(store(), OWNER, OTHER_OWNER);
    SessionExporter exporter = SessionExporter.of(view());

    CallOutcome expected = CallOutcome.of(() -> exporter.exportToString(NO_SESSION, ExportFormat.JSON))
        .naming(NO_SESSION, two.b().id());
    assertThat(CallOutcome.of(() -> exporter.exportToString(two.b().id(), ExportFormat.JSON))).isEqualTo(expected);
    assertThat(expected.thrown()).contains(SessionNotFoundException.class);
    assertThat(exporter.exportToString(two.a().id(), ExportFormat.JSON)).contains("a's secret plan");
  }

  @Test
  void anImportOfAnotherOwnersIdNeverReplacesItAndTakesAFreshIdForTheOwner() {
    TwoOwners two = TwoOwners.in(store(), OWNER, OTHER_OWNER);
    String crafted = SessionExporter.of(store()).exportToString(two.bDeleted().id(), ExportFormat.JSON);
    TwoOwners.OwnerData before = two.bData(store(), OTHER_OWNER);

    for (ImportOptions options : List.of(ImportOptions.defaults(), ImportOptions.defaults().replacingExisting(),
        ImportOptions.defaults().withOwner(OTHER_OWNER).replacingExisting())) {
      ImportResult result = SessionImporter.of(view()).importSession(ImportSource.of(crafted), options);

      assertThat(result.replaced()).isFalse();
      assertThat(result.session().id()).isNotEqualTo(two.bDeleted().id());
      assertThat(result.session().ownerId()).isEqualTo(OWNER);
      assertThat(contents(allMessages(view(), result.session().id()))).containsExactly("b's deleted secret");
    }
    assertThat(two.bData(store(), OTHER_OWNER)).isEqualTo(before);
  }

  @Test
  void anImportThroughTheViewReplacesTheOwnersOwnSession() {
    TwoOwners two = TwoOwners.in(store(), OWNER, OTHER_OWNER);
    String exported = SessionExporter.of(view()).exportToString(two.a().id(), ExportFormat.JSON);
    view().append(two.a().id(), NewMessage.user("said after the export"));

    ImportResult result = SessionImporter.of(view()).importSession(ImportSource.of(exported),
        ImportOptions.defaults().replacingExisting());

    assertThat(result.replaced()).isTrue();
    assertThat(result.session().id()).isEqualTo(two.a().id());
    assertThat(contents(allMessages(view(), two.a().id()))).containsExactly("a's secret plan");
  }

  @Test
  void forOwnerOfAViewIsTheViewForItsOwnerAndBlindForAnother() {
    TwoOwners two = TwoOwners.in(store(), OWNER, OTHER_OWNER);
    SessionStore view = view();
    SessionStore blind = view.forOwner(OTHER_OWNER);

    assertThat(view.forOwner(OWNER)).isSameAs(view);
    assertThat(blind.findSession(two.a().id())).isEmpty();
    assertThat(blind.findSession(two.b().id())).isEmpty();
    assertThat(blind.listSessions(SessionQuery.of(OTHER_OWNER))).isEqualTo(Page.empty());
    assertThat(blind.listSessions(SessionQuery.of(OWNER))).isEqualTo(Page.empty());
    assertThat(CallOutcome.of(() -> blind.append(two.b().id(), NewMessage.user("x"))).thrown())
        .contains(SessionNotFoundException.class);
    assertInvalid(() -> blind.createSession(NewSession.forOwner(OTHER_OWNER).build()), "ownerId");
    assertThat(store().listSessions(SessionQuery.of(OTHER_OWNER)).items()).hasSize(1);
  }

  @Test
  void twoOwnersWritingAtOnceThroughTheirViewsEachReachOnlyTheirOwn() {
    SessionStore mine = store().forOwner(OWNER);
    SessionStore theirs = store().forOwner(OTHER_OWNER);
    ChatSession target = theirs.createSession(NewSession.forOwner(OTHER_OWNER).build());
    List<Callable<String>> tasks = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      tasks.add(() -> {
        ChatSession own = mine.createSession(NewSession.forOwner(OWNER).build());
        for (int i = 0; i < 5; i++) {
          mine.append(own.id(), NewMessage.user("mine " + i));
          assertThat(CallOutcome.of(() -> mine.append(target.id(), NewMessage.user("planted"))).thrown())
              .contains(SessionNotFoundException.class);
        }
        return own.id();
      });
      tasks.add(() -> {
        for (int i = 0; i < 5; i++) {
          theirs.append(target.id(), NewMessage.user("theirs " + i));
        }
        return target.id();
      });
    }

    List<String> ids = Concurrently.run(tasks);

    assertThat(contents(allMessages(store(), target.id()))).hasSize(20).allMatch(c -> c.startsWith("theirs "));
    assertThat(mine.listSessions(SessionQuery.of(OWNER)).items()).extracting(SessionSummary::id)
        .containsExactlyInAnyOrderElementsOf(ids.stream().filter(id -> !id.equals(target.id())).toList());
    assertThat(theirs.listSessions(SessionQuery.of(OTHER_OWNER)).items()).extracting(SessionSummary::id)
        .containsExactly(target.id());
  }

  @Test
  void forOwnerRefusesABadOwnerNamingIt() {
    forEachInput(List.of("", "   ", "a\u0000b", "x".repeat(257)), owner ->
        assertInvalid(() -> store().forOwner(owner), "ownerId"));
    assertInvalid(() -> store().forOwner(null), "ownerId");
    assertInvalid(() -> view().forOwner(" "), "ownerId");
  }

  @Test
  void badIdsThroughTheViewAreRefusedAsTheStoreRefusesThem() {
    for (String bad : List.of("../etc", "a/b", "")) {
      InvalidInputException shared = assertInvalid(() -> store().getSession(bad));
      assertInvalid(() -> view().getSession(bad), shared.field());
      assertInvalid(() -> view().append(bad, NewMessage.user("x")), shared.field());
    }
  }

  @Test
  void recoveryThroughAViewMarksNothingAndClosingAViewLeavesTheStoreOpen() {
    TwoOwners two = TwoOwners.in(store(), OWNER, OTHER_OWNER);
    TwoOwners.OwnerData before = two.bData(store(), OTHER_OWNER);
    SessionStore view = view();

    assertThat(view.recoverAbandonedStreams(Duration.ZERO)).isZero();
    assertInvalid(() -> view.recoverAbandonedStreams(null), "idleFor");
    view.close();

    assertThat(two.bData(store(), OTHER_OWNER)).isEqualTo(before);
    assertThat(store().getSession(two.a().id())).isEqualTo(two.a());
    two.bStream().append(" and more");
    assertThat(two.bStream().complete().content()).isEqualTo("b's secret answer, streaming and more");
  }
}
