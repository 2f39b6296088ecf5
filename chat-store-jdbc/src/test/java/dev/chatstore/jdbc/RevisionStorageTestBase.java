package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.CorruptDataException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.PageRequest;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionQuery;
import dev.chatstore.spi.MessageBody;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How schema 5 stores edits with history, looked at in the tables: a message never edited has no
 * revision rows, its first edit writes two and each later one one, with content and body as the
 * message row stores them (hostile text in parts and author kept exactly); a fork's copy has none;
 * a refused edit writes none; purging removes them all; another store on the database sees an edit at
 * once; a damaged revision row is reported naming it.
 */
abstract class RevisionStorageTestBase extends OpenStoreTestBase {
  /** NUL, non-BMP, the escape code's own private-use characters, JSON and SQL syntax. */
  private static final String HARD = BodyStorageTestBase.HARD;
  private static final String AUTHOR = "ed\u0000itor \uD83D\uDE00 \uF8E0 '); DELETE FROM chatstore_messages; --";

  /** {@code text} as this database's text columns hold it. */
  abstract String storedText(String text);

  /** A second store on this test's database, with its own connections: what a second process would be. */
  JdbcSessionStore secondStore() {
    return db.open();
  }

  @Test
  void aMessageNeverEditedHasNoRowsItsFirstEditTwoAndEachLaterEditOne() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    Message m = store.append(s.id(), NewMessage.assistant("draft"));
    store.append(s.id(), NewMessage.user("next"));
    assertThat(revisionRows(s.id())).isZero();

    store.updateMessage(s.id(), m.id(), MessageUpdate.content("second"));
    assertThat(revisionRows(s.id())).isEqualTo(2);
    store.updateMessage(s.id(), m.id(), MessageUpdate.content("third"));
    assertThat(revisionRows(s.id())).isEqualTo(3);

    assertThat(db.column("SELECT revision FROM chatstore_messages WHERE session_id = ? ORDER BY seq", s.id()))
        .containsExactly("3", "1");
    assertThat(db.column("SELECT content FROM chatstore_message_revisions WHERE session_id = ? ORDER BY revision_no",
        s.id())).containsExactly("draft", "second", "third");
    // plain text in every revision: no body, in the revisions as in the message row
    assertThat(db.column("SELECT COUNT(*) FROM chatstore_message_revisions WHERE body IS NOT NULL"))
        .containsExactly("0");
    assertThat(db.column("SELECT body FROM chatstore_messages WHERE id = ?", m.id())).containsExactly((String) null);
  }

  @Test
  void hostileTextInPartsAndAuthorIsStoredAsTheMessageTableStoresItAndReadBackExactly() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    Message m = store.append(s.id(), NewMessage.builder(Role.ASSISTANT).content("plain " + HARD)
        .attributes("{\"k\":\"" + "v\\u0000" + "\"}").name("bot").build());
    List<Part> parts = List.of(ReasoningPart.signed("think " + HARD, "sig=" + HARD), Part.text("edited " + HARD),
        MediaPart.reference("image/png", "https://example.com/\u00E4.png"), Part.text(" end"));

    Message edited = store.updateMessage(s.id(), m.id(), MessageUpdate.parts(parts).by(AUTHOR));

    assertThat(edited.parts()).isEqualTo(parts);
    assertThat(edited.attributesJson()).isEqualTo(m.attributesJson());
    assertThat(edited.name()).contains("bot");
    List<MessageRevision> history = store.messageRevisions(s.id(), m.id());
    assertThat(history).extracting(MessageRevision::parts).containsExactly(m.parts(), parts);
    assertThat(history).extracting(MessageRevision::author).containsExactly(Optional.empty(), Optional.of(AUTHOR));

    String revision2 = "SELECT %s FROM chatstore_message_revisions WHERE message_id = ? AND revision_no = 2";
    assertThat(db.column(revision2.formatted("content"), m.id())).containsExactly(storedText("edited " + HARD + " end"));
    assertThat(db.column(revision2.formatted("body"), m.id())).containsExactly(storedText(
        new MessageBody(parts, NewMessage.NO_ATTRIBUTES, Optional.empty()).json().orElseThrow()));
    assertThat(db.column(revision2.formatted("author"), m.id())).containsExactly(storedText(AUTHOR));
    assertThat(db.column("SELECT content FROM chatstore_message_revisions WHERE message_id = ? AND revision_no = 1",
        m.id())).containsExactly(storedText("plain " + HARD));
    assertThat(db.column("SELECT body FROM chatstore_messages WHERE id = ?", m.id()))
        .containsExactly(storedText(MessageBody.of(edited).json().orElseThrow()));
    assertThat(db.column("SELECT COUNT(*) FROM chatstore_messages")).containsExactly("1");

    try (JdbcSessionStore reopened = secondStore()) {
      assertThat(reopened.getMessage(s.id(), m.id())).isEqualTo(edited);
      assertThat(reopened.messageRevisions(s.id(), m.id())).isEqualTo(history);
      assertThat(reopened.searchMessages("o", "edited " + HARD, PageRequest.first(10)).items())
          .extracting(Message::id).containsExactly(m.id());
    }
  }

  @Test
  void purgingASessionRemovesItsRevisionsAndLeavesAnotherSessionsAlone() throws Exception {
    ChatSession purged = store.createSession(NewSession.forOwner("o").build());
    ChatSession kept = store.createSession(NewSession.forOwner("o").build());
    for (ChatSession s : List.of(purged, kept)) {
      Message m = store.append(s.id(), NewMessage.assistant("one"));
      store.updateMessage(s.id(), m.id(), MessageUpdate.content("two").by("a"));
      store.updateMessage(s.id(), m.id(), MessageUpdate.content("three"));
    }
    assertThat(revisionRows(purged.id())).isEqualTo(3);

    store.deleteSession(purged.id());
    assertThat(revisionRows(purged.id())).as("a soft delete keeps them").isEqualTo(3);
    store.purgeSession(purged.id());

    assertThat(revisionRows(purged.id())).isZero();
    assertThat(db.column("SELECT COUNT(*) FROM chatstore_messages WHERE session_id = ?", purged.id()))
        .containsExactly("0");
    assertThat(revisionRows(kept.id())).isEqualTo(3);
    assertThatThrownBy(() -> store.messageRevisions(purged.id(), "any-message"))
        .isInstanceOf(SessionNotFoundException.class);
  }

  @Test
  void aForkCopiesTheLatestRevisionAsAPlainRowAndWritesNoRevisions() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    store.append(s.id(), NewMessage.user("question"));
    Message m = store.append(s.id(), NewMessage.assistant("before"));
    store.updateMessage(s.id(), m.id(), MessageUpdate.content("after"));

    ChatSession fork = store.fork(s.id(), m.id(), "branch");

    assertThat(revisionRows(fork.id())).isZero();
    assertThat(db.column("SELECT revision FROM chatstore_messages WHERE session_id = ? ORDER BY seq", fork.id()))
        .containsExactly("1", "1");
    assertThat(store.messages(fork.id(), MessageQuery.earliest(10)).items()).extracting(Message::content)
        .containsExactly("question", "after");
    assertThat(store.listSessions(SessionQuery.of("o")).items())
        .filteredOn(summary -> summary.id().equals(fork.id()))
        .singleElement().satisfies(summary -> assertThat(summary.preview()).isEqualTo("after"));
  }

  @Test
  void aRefusedEditWritesNothing() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    Message failed = store.append(s.id(), NewMessage.builder(Role.ASSISTANT).content("cut")
        .status(MessageStatus.ERROR).build());
    Message ok = store.append(s.id(), NewMessage.assistant("fine"));
    ChatSession before = store.getSession(s.id());

    assertThatThrownBy(() -> store.updateMessage(s.id(), failed.id(), MessageUpdate.content("x")))
        .isInstanceOfSatisfying(ConflictException.class,
            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.NOT_COMPLETE));
    // a time neither database can hold is refused before the transaction, naming the field
    assertThatThrownBy(() -> store.updateMessage(s.id(), ok.id(),
        MessageUpdate.content("x").at(Instant.parse("+10000-01-01T00:00:00Z"))))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("revisedAt"));

    assertThat(revisionRows(s.id())).isZero();
    assertThat(store.getMessage(s.id(), failed.id())).isEqualTo(failed);
    assertThat(store.getMessage(s.id(), ok.id())).isEqualTo(ok);
    assertThat(store.getSession(s.id())).isEqualTo(before);
  }

  @Test
  void anotherStoreOnTheDatabaseSeesAnEditAndEditsAfterIt() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    Message m = store.append(s.id(), NewMessage.assistant("first"));
    try (JdbcSessionStore other = secondStore()) {
      assertThat(other.getMessage(s.id(), m.id()).revision()).isEqualTo(1);

      Message edited = store.updateMessage(s.id(), m.id(), MessageUpdate.content("second").by("this store"));

      assertThat(other.getMessage(s.id(), m.id())).isEqualTo(edited);
      assertThat(other.messageRevisions(s.id(), m.id())).isEqualTo(store.messageRevisions(s.id(), m.id()));

      Message third = other.updateMessage(s.id(), m.id(), MessageUpdate.content("third").by("other store"));

      assertThat(third.revision()).isEqualTo(3);
      assertThat(store.getMessage(s.id(), m.id())).isEqualTo(third);
      assertThat(store.messageRevisions(s.id(), m.id())).extracting(MessageRevision::content, MessageRevision::author)
          .containsExactly(tuple("first", Optional.empty()),
              tuple("second", Optional.of("this store")),
              tuple("third", Optional.of("other store")));
    }
  }

  @Test
  void aRevisionRowThatDoesNotDecodeIsCorruptDataNamingIt() throws Exception {
    ChatSession s = store.createSession(NewSession.forOwner("o").build());
    Message m = store.append(s.id(), NewMessage.assistant("first"));
    store.updateMessage(s.id(), m.id(), MessageUpdate.content("second"));
    db.update("UPDATE chatstore_message_revisions SET body = ? WHERE message_id = ? AND revision_no = 2",
        "{\"parts\": 7", m.id());

    assertThatThrownBy(() -> store.messageRevisions(s.id(), m.id()))
        .isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("chatstore_message_revisions session_id=" + s.id() + " message_id=" + m.id()
            + " revision_no=2");
    assertThat(store.getMessage(s.id(), m.id()).content()).as("the message row is not damaged").isEqualTo("second");
  }

  private int revisionRows(String sessionId) throws Exception {
    return Integer.parseInt(db.column("SELECT COUNT(*) FROM chatstore_message_revisions WHERE session_id = ?",
        sessionId).get(0));
  }
}
