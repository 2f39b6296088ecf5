package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertConflict;
import static dev.chatstore.testkit.ContractAssertions.assertInvalid;
import static dev.chatstore.testkit.ContractAssertions.assertInvalidStartingWith;
import static dev.chatstore.testkit.ContractAssertions.assertMessageNotFound;
import static dev.chatstore.testkit.ContractAssertions.assertSessionNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.Part;
import dev.chatstore.PageRequest;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.ToolCall;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.transfer.ExportFormat;
import dev.chatstore.transfer.ImportOptions;
import dev.chatstore.transfer.ImportSource;
import dev.chatstore.transfer.SessionExporter;
import dev.chatstore.transfer.SessionImporter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Edits with history: a COMPLETE message's parts replaced by {@code updateMessage}, every earlier
 * revision kept and readable through {@code messageRevisions} (number, parts, author, time), the
 * message itself always its latest revision — in pages, search and previews, across a reopen —
 * while its tool calls, results, attributes and name stay; a fork copies the latest revision only.
 * Only COMPLETE messages are revised, and a refused revision changes nothing.
 */
public abstract class RevisionsContract extends ContractArea {

  protected RevisionsContract(SessionStoreContract contract) {
    super(contract);
  }

  private Message assistant(String sessionId, String text) {
    return store().append(sessionId, NewMessage.builder(Role.ASSISTANT).content(text)
        .toolCall(new ToolCall("call_1", "lookup", "{\"q\":1}")).attributes("{\"client\":\"c-1\"}").name("bot")
        .build());
  }

  @Test
  void aMessageNeverRevisedHasItsOwnPartsAsRevisionOne() {
    String s = newSession().id();
    Message m = store().append(s, NewMessage.user("hello"));

    assertThat(m.revision()).isEqualTo(1);
    assertThat(store().messageRevisions(s, m.id()))
        .containsExactly(new MessageRevision(1, m.parts(), Optional.empty(), m.createdAt()));
  }

  @Test
  void aRevisionReplacesThePartsAndKeepsTheOriginal() {
    String s = newSession().id();
    Message original = assistant(s, "The capital is Sydney.");
    tick();

    Message revised = store().updateMessage(s, original.id(),
        MessageUpdate.content("The capital is Canberra.").by("editor-7"));

    assertThat(revised.content()).isEqualTo("The capital is Canberra.");
    assertThat(revised.revision()).isEqualTo(2);
    assertThat(revised.createdAt()).isEqualTo(original.createdAt());
    assertThat(revised.updatedAt()).isAfter(original.updatedAt());
    assertThat(revised.toolCalls()).isEqualTo(original.toolCalls());
    assertThat(revised.attributesJson()).isEqualTo(original.attributesJson());
    assertThat(revised.name()).isEqualTo(original.name());
    assertThat(revised.seq()).isEqualTo(original.seq());
    assertThat(store().getMessage(s, original.id())).isEqualTo(revised);

    List<MessageRevision> history = store().messageRevisions(s, original.id());
    assertThat(history).extracting(MessageRevision::number).containsExactly(1, 2);
    assertThat(history.get(0).content()).isEqualTo("The capital is Sydney.");
    assertThat(history.get(0).author()).isEmpty();
    assertThat(history.get(0).at()).isEqualTo(original.createdAt());
    assertThat(history.get(1).parts()).isEqualTo(revised.parts());
    assertThat(history.get(1).author()).contains("editor-7");
    assertThat(history.get(1).at()).isEqualTo(revised.updatedAt());
  }

  @Test
  void everyRevisionStaysReadableInOrderWithEveryPartExact() {
    String s = newSession().id();
    Message m = store().append(s, NewMessage.builder(Role.ASSISTANT).content("draft").build());
    List<Part> second = List.of(ReasoningPart.signed("think 😀", PartFixtures.SIGNATURE), Part.text("a\u0000b"));
    List<Part> third = List.of(Part.text("final "), MediaPart.inline("image/png", PartFixtures.allBytes()),
        MediaPart.reference("image/png", PartFixtures.NON_ASCII_URI), Part.text("answer"));
    store().updateMessage(s, m.id(), MessageUpdate.parts(second));
    tick();
    Message last = store().updateMessage(s, m.id(), MessageUpdate.parts(third).by(PartFixtures.NAME));

    assertThat(last.revision()).isEqualTo(3);
    assertThat(last.parts()).isEqualTo(third);
    assertThat(last.content()).isEqualTo("final answer");
    assertThat(store().messageRevisions(s, m.id())).extracting(MessageRevision::parts)
        .containsExactly(List.of(Part.text("draft")), second, third);
    assertThat(store().messageRevisions(s, m.id()).get(2).author()).contains(PartFixtures.NAME);
  }

  @Test
  void revisionsSurviveAReopen() {
    String s = newSession().id();
    Message m = store().append(s, NewMessage.user("first"));
    Message revised = store().updateMessage(s, m.id(), MessageUpdate.content("second").by("alice"));
    List<MessageRevision> before = store().messageRevisions(s, m.id());

    SessionStore reopened = reopen();

    assertThat(reopened.getMessage(s, m.id())).isEqualTo(revised);
    assertThat(reopened.messageRevisions(s, m.id())).isEqualTo(before);
  }

  @Test
  void pagesSearchAndThePreviewFollowTheLatestRevision() {
    ChatSession session = newSession();
    String s = session.id();
    store().append(s, NewMessage.user("question"));
    Message answer = store().append(s, NewMessage.assistant("an oldword reply"));

    store().updateMessage(s, answer.id(), MessageUpdate.content("a newword reply"));

    assertThat(contents(store().messages(s, MessageQuery.latest(10)).items()))
        .containsExactly("question", "a newword reply");
    assertThat(store().searchMessages(OWNER, "newword", PageRequest.first(10)).items())
        .extracting(Message::id).containsExactly(answer.id());
    assertThat(store().searchMessages(OWNER, "oldword", PageRequest.first(10)).items()).isEmpty();
    assertThat(store().listSessions(SessionQuery.forOwner(OWNER).build()).items())
        .filteredOn(summary -> summary.id().equals(s))
        .singleElement().satisfies(summary -> assertThat(summary.preview()).isEqualTo("a newword reply"));
  }

  @Test
  void aMetadataUpdateIsNoRevision() {
    String s = newSession().id();
    Message m = store().append(s, NewMessage.assistant("text"));

    Message updated = store().updateMessage(s, m.id(),
        MessageUpdate.metadata(MessageMetadata.builder().model("m-1").build()));

    assertThat(updated.revision()).isEqualTo(1);
    assertThat(store().messageRevisions(s, m.id())).hasSize(1);
  }

  @Test
  void aRevisionMayReplaceTheMetadataInTheSameStep() {
    String s = newSession().id();
    Message m = store().append(s, NewMessage.assistant("text"));
    MessageMetadata metadata = MessageMetadata.builder().model("m-2").build();

    Message revised = store().updateMessage(s, m.id(), MessageUpdate.content("new text").withMetadata(metadata));

    assertThat(revised.metadata().model()).contains("m-2");
    assertThat(revised.revision()).isEqualTo(2);
    assertThat(store().getMessage(s, m.id())).isEqualTo(revised);
  }

  @Test
  void anImportedRevisionKeepsItsTimeToTheMicrosecond() {
    String s = newSession().id();
    Message m = store().append(s, NewMessage.user("text"));
    Instant then = Instant.parse("2024-03-01T10:15:30.123456789Z");

    Message revised = store().updateMessage(s, m.id(), MessageUpdate.content("edited").at(then));

    Instant micros = then.truncatedTo(ChronoUnit.MICROS);
    assertThat(revised.updatedAt()).isEqualTo(micros);
    assertThat(store().messageRevisions(s, m.id()).get(1).at()).isEqualTo(micros);
  }

  @Test
  void onlyACompleteMessageIsRevisedAndARefusalChangesNothing() {
    String s = newSession().id();
    Message failed = store().append(s, NewMessage.builder(Role.ASSISTANT).content("cut")
        .status(MessageStatus.ERROR).build());
    assertConflict(() -> store().updateMessage(s, failed.id(), MessageUpdate.content("x")),
        ConflictException.Reason.NOT_COMPLETE);
    assertThat(store().getMessage(s, failed.id())).isEqualTo(failed);
    assertThat(store().messageRevisions(s, failed.id())).hasSize(1);

    try (MessageStream stream = store().openStream(s, Role.ASSISTANT)) {
      stream.append("streaming");
      stream.flush();
      assertConflict(() -> store().updateMessage(s, stream.messageId(), MessageUpdate.content("x")),
          ConflictException.Reason.STREAM_OPEN);
      stream.complete();
    }
  }

  @Test
  void aRevisionOverTheLimitsOrMalformedIsRefusedAndChangesNothing() {
    String s = newSession().id();
    Message m = store().append(s, NewMessage.user("kept"));

    assertInvalidStartingWith(() -> store().updateMessage(s, m.id(), MessageUpdate.content("bad \uD800 half")),
        "parts[0].text");
    assertInvalidStartingWith(() -> store().updateMessage(s, m.id(),
        MessageUpdate.parts(List.of(MediaPart.reference("image/png", "ok"), Part.text("x\uDC00")))), "parts[1]");
    int tooMany = limits().parts().maxParts() + 1;
    assertInvalid(() -> store().updateMessage(s, m.id(),
        MessageUpdate.parts(Collections.nCopies(tooMany, Part.text("p")))), "parts");

    assertThat(store().getMessage(s, m.id())).isEqualTo(m);
    assertThat(store().messageRevisions(s, m.id())).hasSize(1);
  }

  @Test
  void anUpdateMixingAStatusWithPartsOrAnAuthorWithoutPartsIsRefused() {
    assertInvalid(() -> new MessageUpdate(Optional.of(MessageStatus.COMPLETE), Optional.empty(),
        Optional.of(List.of(Part.text("x"))), Optional.empty(), Optional.empty()), "update");
    assertInvalid(() -> MessageUpdate.status(MessageStatus.ERROR).by("alice"), "author");
    assertInvalid(() -> MessageUpdate.content("x").by(" "), "author");
  }

  @Test
  void unknownIdsAndDeletedSessionsAreRefused() {
    String s = newSession().id();
    Message m = store().append(s, NewMessage.user("text"));

    assertMessageNotFound(() -> store().messageRevisions(s, "no-such-message"), "no-such-message");
    assertMessageNotFound(() -> store().updateMessage(s, "no-such-message", MessageUpdate.content("x")),
        "no-such-message");
    assertSessionNotFound(() -> store().messageRevisions("no-such-session", m.id()), "no-such-session");

    store().deleteSession(s);
    assertConflict(() -> store().updateMessage(s, m.id(), MessageUpdate.content("x")),
        ConflictException.Reason.SESSION_DELETED);
  }

  @Test
  void aForkCopiesTheLatestRevisionAsItsFirst() {
    String s = newSession().id();
    Message m = store().append(s, NewMessage.assistant("before"));
    Message revised = store().updateMessage(s, m.id(), MessageUpdate.content("after"));

    ChatSession fork = store().fork(s, m.id(), "branch");
    Message copy = allMessages(fork.id()).get(0);

    assertThat(copy.parts()).isEqualTo(revised.parts());
    assertThat(copy.revision()).isEqualTo(1);
    assertThat(store().messageRevisions(fork.id(), copy.id())).extracting(MessageRevision::parts)
        .containsExactly(revised.parts());
  }

  @Test
  void exportCarriesEveryRevisionAndImportRestoresThem() {
    String s = newSession().id();
    store().append(s, NewMessage.user("question"));
    Message m = assistant(s, "first answer");
    tick();
    store().updateMessage(s, m.id(), MessageUpdate.parts(List.of(ReasoningPart.signed("hm", PartFixtures.SIGNATURE),
        Part.text("second answer"))).by("editor"));
    tick();
    Message last = store().updateMessage(s, m.id(), MessageUpdate.content("third answer"));
    List<MessageRevision> history = store().messageRevisions(s, m.id());

    for (ExportFormat format : List.of(ExportFormat.JSON, ExportFormat.JSONL)) {
      String exported = SessionExporter.of(store()).exportToString(s, format);
      ChatSession copy = SessionImporter.of(store())
          .importSession(ImportSource.of(exported), ImportOptions.defaults().withFreshIds()).session();
      Message imported = allMessages(copy.id()).get(1);

      assertThat(imported.parts()).isEqualTo(last.parts());
      assertThat(imported.revision()).isEqualTo(3);
      assertThat(imported.toolCalls()).isEqualTo(last.toolCalls());
      assertThat(store().messageRevisions(copy.id(), imported.id())).isEqualTo(history);
      assertThat(allMessages(copy.id()).get(0).revision()).isEqualTo(1);
    }
  }

  @Test
  void aRevisionTimeOutsideYearsOneTo9999IsRefusedAndChangesNothing() {
    String s = newSession().id();
    Message m = store().append(s, NewMessage.user("kept"));

    for (Instant outside : List.of(Instant.parse("0000-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"))) {
      assertInvalid(() -> store().updateMessage(s, m.id(), MessageUpdate.content("x").at(outside)), "revisedAt");
    }
    assertThat(store().getMessage(s, m.id())).isEqualTo(m);
    assertThat(store().messageRevisions(s, m.id())).hasSize(1);
  }

  @Test
  void aRevisedMessageEndedOtherwiseLaterKeepsItsHistoryThroughExportAndImport() {
    String s = newSession().id();
    Message m = store().append(s, NewMessage.assistant("hello"));
    store().updateMessage(s, m.id(), MessageUpdate.content("hi").by("bob"));
    Message failed = store().updateMessage(s, m.id(), MessageUpdate.status(MessageStatus.ERROR));
    List<MessageRevision> history = store().messageRevisions(s, m.id());

    assertThat(failed.status()).isEqualTo(MessageStatus.ERROR);
    assertThat(failed.revision()).isEqualTo(2);
    assertThat(history).hasSize(2);
    for (ExportFormat format : List.of(ExportFormat.JSON, ExportFormat.JSONL)) {
      String exported = SessionExporter.of(store()).exportToString(s, format);
      ChatSession copy = SessionImporter.of(store())
          .importSession(ImportSource.of(exported), ImportOptions.defaults().withFreshIds()).session();
      Message imported = allMessages(copy.id()).get(0);

      assertThat(imported.status()).isEqualTo(MessageStatus.ERROR);
      assertThat(imported.parts()).isEqualTo(failed.parts());
      assertThat(imported.revision()).isEqualTo(2);
      assertThat(store().messageRevisions(copy.id(), imported.id())).isEqualTo(history);
      assertThat(SessionExporter.of(store()).exportToString(copy.id(), format).replace(copy.id(), s))
          .isEqualTo(exported.replace(m.id(), imported.id()).replace(copy.id(), s));
    }
  }

  @Test
  void aDeletedSessionsHistoryStaysReadableAsItsMessagesDo() {
    String s = newSession().id();
    Message m = store().append(s, NewMessage.user("before"));
    store().updateMessage(s, m.id(), MessageUpdate.content("after"));
    List<MessageRevision> history = store().messageRevisions(s, m.id());

    store().deleteSession(s);

    assertThat(store().findMessage(s, m.id())).isPresent();
    assertThat(store().messageRevisions(s, m.id())).isEqualTo(history);
    store().purgeSession(s);
    assertSessionNotFound(() -> store().messageRevisions(s, m.id()), s);
  }
}
