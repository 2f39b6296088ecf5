package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.MessageQuery;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionQuery;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cursors are only accepted by the kind of query that made them; garbage is refused; page sizes
 * outside 1..1000 are refused. All with InvalidInputException naming the field.
 */
public abstract class CursorsAndLimitsContract extends ContractArea {
  private static final List<String> GARBAGE = List.of("not-a-cursor", "%%%",
      Base64.getUrlEncoder().encodeToString("m1|x|1".getBytes(StandardCharsets.UTF_8)),
      Base64.getUrlEncoder().encodeToString("m1|o|-5".getBytes(StandardCharsets.UTF_8)),
      Base64.getUrlEncoder().encodeToString("s1|n|x|y|../../etc".getBytes(StandardCharsets.UTF_8)),
      "' OR 1=1 --");

  protected CursorsAndLimitsContract(SessionStoreContract contract) {
    super(contract);
  }

  /** A real cursor of each kind, taken from pages that have more. */
  private record Cursors(String message, String session, String search) {}

  private Cursors realCursors() {
    ChatSession a = newSession();
    newSession();
    appendUsers(a.id(), 3);
    String message = store().messages(a.id(), MessageQuery.latest(1)).previousCursor().orElseThrow();
    String session = store().listSessions(SessionQuery.forOwner(OWNER).limit(1).build()).nextCursor().orElseThrow();
    String search = store().searchMessages(OWNER, "m", PageRequest.first(1)).nextCursor().orElseThrow();
    return new Cursors(message, session, search);
  }

  @Test
  void aCursorOfOneKindIsRefusedByTheOthers() {
    Cursors c = realCursors();
    String sessionId = store().latestSession(OWNER).orElseThrow().id();

    assertInvalid(() -> store().messages(sessionId, MessageQuery.from(c.session(), 10)), "cursor");
    assertInvalid(() -> store().messages(sessionId, MessageQuery.from(c.search(), 10)), "cursor");
    assertInvalid(() -> store().listSessions(SessionQuery.forOwner(OWNER).cursor(c.message()).build()), "cursor");
    assertInvalid(() -> store().listSessions(SessionQuery.forOwner(OWNER).cursor(c.search()).build()), "cursor");
    assertInvalid(() -> store().searchMessages(OWNER, "m", PageRequest.from(c.message(), 10)), "cursor");
    assertInvalid(() -> store().searchMessages(OWNER, "m", PageRequest.from(c.session(), 10)), "cursor");
  }

  @Test
  void garbageCursorsAreRefused() {
    ChatSession s = newSession();
    for (String bad : GARBAGE) {
      assertInvalid(() -> store().messages(s.id(), MessageQuery.from(bad, 10)), "cursor");
      assertInvalid(() -> store().listSessions(SessionQuery.forOwner(OWNER).cursor(bad).build()), "cursor");
      assertInvalid(() -> store().searchMessages(OWNER, "m", PageRequest.from(bad, 10)), "cursor");
    }
    assertInvalid(() -> SessionQuery.forOwner(OWNER).cursor(" "), "cursor");
    assertInvalid(() -> PageRequest.from(" ", 10), "cursor");
  }

  @Test
  void extremeSeqsGiveAnEmptyPageOrAnInvalidInputNeverARawError() {
    ChatSession s = newSession();
    appendUsers(s.id(), 3);
    for (long seq : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, Integer.MAX_VALUE, (long) Integer.MAX_VALUE + 1,
        4, 3}) {
      for (int limit : new int[] {1, MessageQuery.MAX_LIMIT}) {
        assertThat(store().messages(s.id(), MessageQuery.afterSeq(seq, limit)).items())
            .as("after %d, limit %d", seq, limit).isEmpty();
      }
    }
    for (long seq : new long[] {0, 1}) {
      assertThat(store().messages(s.id(), MessageQuery.beforeSeq(seq, MessageQuery.MAX_LIMIT)).items())
          .as("before %d", seq).isEmpty();
    }
    for (long seq : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, Integer.MAX_VALUE}) {
      assertThat(store().messages(s.id(), MessageQuery.beforeSeq(seq, MessageQuery.MAX_LIMIT)).items())
          .as("before %d", seq).extracting(m -> m.seq()).containsExactly(1L, 2L, 3L);
    }
    assertThat(store().messages(s.id(), MessageQuery.afterSeq(0, MessageQuery.MAX_LIMIT)).items()).hasSize(3);
    assertThat(store().messages(s.id(), MessageQuery.afterSeq(2, 1)).items())
        .extracting(m -> m.seq()).containsExactly(3L);
    for (long seq : new long[] {-1, Long.MIN_VALUE, Integer.MIN_VALUE}) {
      assertInvalid(() -> MessageQuery.afterSeq(seq, 10), "seq");
      assertInvalid(() -> MessageQuery.beforeSeq(seq, 10), "seq");
    }
    for (int limit : new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, MessageQuery.MAX_LIMIT + 1}) {
      assertInvalid(() -> MessageQuery.afterSeq(1, limit), "limit");
      assertInvalid(() -> MessageQuery.latest(limit), "limit");
      assertInvalid(() -> SessionQuery.forOwner(OWNER).limit(limit), "limit");
      assertInvalid(() -> PageRequest.first(limit), "limit");
    }
  }

  @Test
  void anEmptySessionGivesEmptyPagesForEveryAnchor() {
    ChatSession s = newSession();
    for (MessageQuery q : List.of(MessageQuery.latest(MessageQuery.MAX_LIMIT), MessageQuery.earliest(1),
        MessageQuery.afterSeq(0, 1), MessageQuery.afterSeq(Long.MAX_VALUE, MessageQuery.MAX_LIMIT),
        MessageQuery.beforeSeq(Long.MAX_VALUE, MessageQuery.MAX_LIMIT), MessageQuery.beforeSeq(0, 1))) {
      var page = store().messages(s.id(), q);
      assertThat(page.items()).as("%s", q).isEmpty();
      assertThat(page.hasPrevious() || page.hasNext()).as("%s", q).isFalse();
    }
  }

  @Test
  void pageSizesOutsideOneToAThousandAreRefused() {
    ChatSession s = newSession();
    for (int bad : new int[] {0, -1, MessageQuery.MAX_LIMIT + 1, Integer.MAX_VALUE}) {
      assertInvalid(() -> MessageQuery.latest(bad), "limit");
      assertInvalid(() -> MessageQuery.afterSeq(0, bad), "limit");
      assertInvalid(() -> store().recentMessages(s.id(), bad), "limit");
      assertInvalid(() -> PageRequest.first(bad), "limit");
      assertInvalid(() -> SessionQuery.forOwner(OWNER).limit(bad), "limit");
    }
    assertInvalid(() -> MessageQuery.beforeSeq(-1, 10), "seq");
    assertThat(store().messages(s.id(), MessageQuery.latest(MessageQuery.MAX_LIMIT)).items()).isEmpty();
    assertThat(store().searchMessages(OWNER, "x", PageRequest.first(PageRequest.MAX_LIMIT)).items()).isEmpty();
    assertThat(store().listSessions(SessionQuery.forOwner(OWNER).limit(PageRequest.MAX_LIMIT).build()).items())
        .hasSize(1);
  }

  @Test
  void searchAndFilterTextMustNotBeBlank() {
    for (String blank : List.of("", "  ", "\t\n")) {
      assertInvalid(() -> store().searchMessages(OWNER, blank, PageRequest.first(10)), "text");
      assertInvalid(() -> SessionQuery.forOwner(OWNER).text(blank), "text");
    }
    assertInvalid(() -> SessionQuery.forOwner(OWNER).text("x".repeat(SessionQuery.MAX_TEXT_LENGTH + 1)), "text");
  }
}
