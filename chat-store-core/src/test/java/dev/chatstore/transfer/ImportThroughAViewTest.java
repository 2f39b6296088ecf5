package dev.chatstore.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Imports through an owner view, or for an owner on the shared store: always that owner's session,
 * never another owner's replaced.
 */
class ImportThroughAViewTest {
  private final SessionStore store = SessionStore.inMemory();
  private final SessionStore alice = store.forOwner("alice");

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aFreeIdIsKeptAndTheSessionBecomesTheViewOwners() {
    String exported;
    String id;
    try (SessionStore elsewhere = SessionStore.inMemory()) {
      id = SampleChat.create(elsewhere).id();
      exported = SessionExporter.of(elsewhere).exportToString(id, ExportFormat.JSON);
    }

    ImportResult result = SessionImporter.of(alice).importSession(ImportSource.of(exported), ImportOptions.defaults());

    assertThat(result.session().id()).isEqualTo(id);
    assertThat(result.session().ownerId()).isEqualTo("alice");
  }

  @Test
  void aKeyTheViewOwnerHasIsAConflictWhateverOwnerTheExportNames() {
    ChatSession bobs = store.createSession(NewSession.forOwner("bob").key("support").build());
    store.append(bobs.id(), NewMessage.user("bob's"));
    alice.createSession(NewSession.forOwner("alice").key("support").build());
    String exported = SessionExporter.of(store).exportToString(bobs.id(), ExportFormat.JSONL);

    ConflictException e = catchThrowableOfType(() -> SessionImporter.of(alice).importSession(
        ImportSource.of(exported), ImportOptions.defaults().replacingExisting()), ConflictException.class);

    assertThat(e.reason()).isEqualTo(ConflictException.Reason.ALREADY_EXISTS);
    assertThat(alice.listSessions(SessionQuery.of("alice")).items()).hasSize(1);
    assertThat(store.getSession(bobs.id()).messageCount()).isEqualTo(1);
    assertThat(SessionImporter.of(alice).importSession(ImportSource.of(exported),
        ImportOptions.defaults().withoutKey()).session().ownerId()).isEqualTo("alice");
  }

  @Test
  void aBadExportOfAnotherOwnersIdLeavesNothingBehind() {
    ChatSession bobs = SampleChat.create(store);
    String[] lines = SessionExporter.of(store).exportToString(bobs.id(), ExportFormat.JSONL).split("\n");
    lines[5] = lines[5].replace("\"role\":\"TOOL\"", "\"role\":\"ROBOT\"");
    String broken = String.join("\n", lines) + "\n";
    ChatSession before = store.getSession(bobs.id());
    List<SampleChat.Content> contents = SampleChat.contents(store, bobs.id());

    InvalidInputException e = catchThrowableOfType(() -> SessionImporter.of(alice).importSession(
        ImportSource.of(broken), ImportOptions.defaults().replacingExisting()), InvalidInputException.class);

    assertThat(e.field()).isEqualTo("messages[4].role");
    assertThat(alice.listSessions(SessionQuery.forOwner("alice").includeDeleted(true).build()).items()).isEmpty();
    assertThat(store.getSession(bobs.id())).isEqualTo(before);
    assertThat(SampleChat.contents(store, bobs.id())).isEqualTo(contents);
  }

  @Test
  void anImportForAnOwnerOnTheSharedStoreNeverReplacesAnotherOwnersSession() {
    ChatSession bobs = SampleChat.create(store);
    String exported = SessionExporter.of(store).exportToString(bobs.id(), ExportFormat.JSONL);
    ChatSession before = store.getSession(bobs.id());
    List<SampleChat.Content> contents = SampleChat.contents(store, bobs.id());

    ImportResult result = SessionImporter.of(store).importSession(ImportSource.of(exported),
        ImportOptions.defaults().withOwner("alice").replacingExisting());

    assertThat(result.replaced()).isFalse();
    assertThat(result.session().id()).isNotEqualTo(bobs.id());
    assertThat(result.session().ownerId()).isEqualTo("alice");
    assertThat(SampleChat.contents(store, result.session().id())).extracting(SampleChat.Content::parts)
        .isEqualTo(contents.stream().map(SampleChat.Content::parts).toList()); // the same chat, new ids
    assertThat(store.getSession(bobs.id())).isEqualTo(before);
    assertThat(SampleChat.contents(store, bobs.id())).isEqualTo(contents);
  }

  @Test
  void anImportForAnOwnerOnTheSharedStoreDoesNotTellThatAnotherOwnersIdExists() {
    ChatSession bobs = store.createSession(NewSession.forOwner("bob").build());
    String exported = SessionExporter.of(store).exportToString(bobs.id(), ExportFormat.JSON);

    ImportResult result = SessionImporter.of(store).importSession(ImportSource.of(exported),
        ImportOptions.defaults().withOwner("alice"));

    assertThat(result.session().id()).isNotEqualTo(bobs.id());
    assertThat(result.session().ownerId()).isEqualTo("alice");
    assertThat(store.getSession(bobs.id()).ownerId()).isEqualTo("bob");
  }

  @Test
  void anImportForTheSameOwnerOnTheSharedStoreStillReplacesThatOwnersSession() {
    ChatSession bobs = SampleChat.create(store);
    String exported = SessionExporter.of(store).exportToString(bobs.id(), ExportFormat.JSONL);
    store.append(bobs.id(), NewMessage.user("after the export"));

    ImportResult result = SessionImporter.of(store).importSession(ImportSource.of(exported),
        ImportOptions.defaults().withOwner(bobs.ownerId()).replacingExisting());

    assertThat(result.replaced()).isTrue();
    assertThat(result.session().id()).isEqualTo(bobs.id());
    assertThat(result.session().messageCount()).isEqualTo(bobs.messageCount());
  }

  @Test
  void anImportWithoutAnOwnerOnTheSharedStoreIsARestoreThatRefusesATakenIdAsExisting() {
    ChatSession bobs = store.createSession(NewSession.forOwner("bob").build());
    String exported = SessionExporter.of(store).exportToString(bobs.id(), ExportFormat.JSON);

    ConflictException e = catchThrowableOfType(() -> SessionImporter.of(store).importSession(
        ImportSource.of(exported), ImportOptions.defaults()), ConflictException.class);

    assertThat(e.reason()).isEqualTo(ConflictException.Reason.ALREADY_EXISTS);
  }
}
