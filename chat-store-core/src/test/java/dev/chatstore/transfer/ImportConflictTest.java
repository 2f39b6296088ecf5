package dev.chatstore.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** An export imported where its session id already exists. */
class ImportConflictTest {
  private final SessionStore store = SessionStore.inMemory();

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void anExistingIdIsAConflictAndNothingChanges() {
    ChatSession original = SampleChat.create(store);
    String exported = SessionExporter.of(store).exportToString(original.id(), ExportFormat.JSON);
    store.append(original.id(), NewMessage.user("said after the export"));
    List<SampleChat.Content> before = SampleChat.contents(store, original.id());

    assertThatThrownBy(() -> SessionImporter.of(store).importSession(ImportSource.of(exported), ImportOptions.defaults()))
        .isInstanceOfSatisfying(ConflictException.class, e -> {
          assertThat(e.reason()).isEqualTo(ConflictException.Reason.ALREADY_EXISTS);
          assertThat(e.getMessage()).contains(original.id());
        });
    assertThat(SampleChat.contents(store, original.id())).isEqualTo(before);
  }

  @Test
  void replacePurgesThenImports() {
    ChatSession original = SampleChat.create(store);
    String exported = SessionExporter.of(store).exportToString(original.id(), ExportFormat.JSONL);
    List<SampleChat.Content> atExport = SampleChat.contents(store, original.id());
    store.append(original.id(), NewMessage.user("said after the export"));

    ImportResult result = SessionImporter.of(store)
        .importSession(ImportSource.of(exported), ImportOptions.defaults().replacingExisting());

    assertThat(result.replaced()).isTrue();
    assertThat(SampleChat.contents(store, original.id())).isEqualTo(atExport);
    assertThat(SessionExporter.of(store).exportToString(original.id(), ExportFormat.JSONL)).isEqualTo(exported);
  }

  @Test
  void aBadInputNeverPurgesTheSessionItWouldReplace() {
    ChatSession original = SampleChat.create(store);
    String exported = SessionExporter.of(store).exportToString(original.id(), ExportFormat.JSONL);
    String[] lines = exported.split("\n");
    lines[5] = lines[5].replace("\"role\":\"TOOL\"", "\"role\":\"ROBOT\"");
    String broken = String.join("\n", lines) + "\n";
    List<SampleChat.Content> before = SampleChat.contents(store, original.id());

    assertThatThrownBy(() -> SessionImporter.of(store)
        .importSession(ImportSource.of(broken), ImportOptions.defaults().replacingExisting()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("messages[4].role");
          assertThat(e.reason()).contains("ROBOT").contains("line 6");
        });
    assertThat(SampleChat.contents(store, original.id())).isEqualTo(before);
  }

  @Test
  void aFailedImportLeavesNoHalfSession() {
    ChatSession original = SampleChat.create(store);
    String exported = SessionExporter.of(store).exportToString(original.id(), ExportFormat.JSONL);
    String[] lines = exported.split("\n");
    lines[7] = lines[7].replace("\"status\":\"ERROR\"", "\"status\":\"LOST\"");
    String broken = String.join("\n", lines) + "\n";
    try (SessionStore other = SessionStore.inMemory()) {
      assertThatThrownBy(() -> SessionImporter.builder(other).batchSize(2).build()
          .importSession(ImportSource.of(broken), ImportOptions.defaults()))
          .isInstanceOf(InvalidInputException.class);
      assertThat(other.findSession(original.id())).isEmpty(); // the first batches were taken back
    }
  }

  @Test
  void aKeyAnotherSessionOfTheOwnerHasIsAConflictNamingItAndNothingIsWritten() {
    ChatSession original = PartsChat.create(store);
    String exported = SessionExporter.of(store).exportToString(original.id(), ExportFormat.JSONL);
    long sessionsBefore = sessions(PartsChat.OWNER);

    assertThatThrownBy(() -> SessionImporter.of(store)
        .importSession(ImportSource.of(exported), ImportOptions.defaults().withFreshIds()))
        .isInstanceOfSatisfying(ConflictException.class, e -> {
          assertThat(e.reason()).isEqualTo(ConflictException.Reason.ALREADY_EXISTS);
          assertThat(e.getMessage()).contains(PartsChat.KEY).contains(original.id()).contains("withoutKey");
        });
    assertThat(sessions(PartsChat.OWNER)).isEqualTo(sessionsBefore);
  }

  @Test
  void theSameKeyUnderAnotherOwnerIsAnotherSession() {
    ChatSession original = PartsChat.create(store);
    String exported = SessionExporter.of(store).exportToString(original.id(), ExportFormat.JSON);

    ChatSession theirs = SessionImporter.of(store).importSession(ImportSource.of(exported),
        ImportOptions.defaults().withFreshIds().withOwner("someone-else")).session();

    assertThat(theirs.key()).contains(PartsChat.KEY);
    assertThat(store.findSessionByKey("someone-else", PartsChat.KEY)).map(ChatSession::id).contains(theirs.id());
    assertThat(store.findSessionByKey(PartsChat.OWNER, PartsChat.KEY)).map(ChatSession::id).contains(original.id());
  }

  @Test
  void replacingTheSessionThatHasTheKeyKeepsIt() {
    ChatSession original = PartsChat.create(store);
    String exported = SessionExporter.of(store).exportToString(original.id(), ExportFormat.JSONL);
    store.append(original.id(), NewMessage.user("said after the export"));

    ImportResult result = SessionImporter.of(store)
        .importSession(ImportSource.of(exported), ImportOptions.defaults().replacingExisting());

    assertThat(result.replaced()).isTrue();
    assertThat(store.findSessionByKey(PartsChat.OWNER, PartsChat.KEY)).map(ChatSession::id).contains(original.id());
    assertThat(SessionExporter.of(store).exportToString(original.id(), ExportFormat.JSONL)).isEqualTo(exported);
  }

  @Test
  void replacingIsRefusedBeforeAnyPurgeWhenAnotherSessionHasTheKey() {
    ChatSession original = PartsChat.create(store);
    String exported = SessionExporter.of(store).exportToString(original.id(), ExportFormat.JSONL);
    String moved = SessionImporter.of(store).importSession(ImportSource.of(exported),
        ImportOptions.defaults().withFreshIds().withoutKey()).session().id();
    store.purgeSession(original.id());
    ChatSession holder = store.createSession(NewSession.forOwner(PartsChat.OWNER).key(PartsChat.KEY).build());
    String keyless = SessionExporter.of(store).exportToString(moved, ExportFormat.JSONL);
    String withKey = exported.replace(original.id(), moved);
    List<SampleChat.Content> before = SampleChat.contents(store, moved);

    assertThatThrownBy(() -> SessionImporter.of(store)
        .importSession(ImportSource.of(withKey), ImportOptions.defaults().replacingExisting()))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.getMessage()).contains(holder.id()));
    assertThat(SampleChat.contents(store, moved)).isEqualTo(before);
    assertThat(SessionExporter.of(store).exportToString(moved, ExportFormat.JSONL)).isEqualTo(keyless);
  }

  private long sessions(String owner) {
    return store.listSessions(SessionQuery.forOwner(owner).includeDeleted(true).build()).items().size();
  }
}
