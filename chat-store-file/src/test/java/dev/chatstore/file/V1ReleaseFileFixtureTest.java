package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Message;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageUpdate;
import dev.chatstore.testkit.StoreSnapshot;
import dev.chatstore.testkit.fixtures.AppendAndReopen;
import dev.chatstore.testkit.fixtures.FixtureResources;
import dev.chatstore.testkit.fixtures.V1ReleaseDataSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store folder written by the first release's {@link FileSessionStore} (session file format 1, see
 * {@code v1-release/README.md}) opens with today's code and reads back exactly as the store that wrote
 * it described it ({@code expected.json}), and still does once today's code has appended to it or
 * revised one of its messages. The fixture is copied first: opening may upgrade what it opens.
 */
class V1ReleaseFileFixtureTest {
  private static final String FIXTURE = "v1-release/";

  @TempDir
  Path temp;

  private Path folder;

  @BeforeEach
  void copyTheFixture() {
    folder = FixtureResources.copyFolder(getClass(), FIXTURE + "store", temp.resolve("store"));
  }

  @Test
  void aFolderWrittenByTheFirstReleaseReadsBackAsItsWriterDescribedIt() {
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(V1ReleaseDataSet.describer().describe(store))
          .isEqualTo(FixtureResources.text(getClass(), FIXTURE + "expected.json"));
    }
  }

  @Test
  void appendingToItThenReopeningStillReadsEverythingBack() {
    AppendAndReopen.check(() -> FileSessionStore.open(folder), V1ReleaseDataSet.OWNERS, V1ReleaseDataSet.TRIP);

    try (FileSessionStore store = FileSessionStore.open(folder)) {
      assertThat(store.getSession(V1ReleaseDataSet.TRIP).messageCount()).isEqualTo(16);
    }
  }

  @Test
  void revisingAMessageRaisesItsFilesHeaderAndEverythingElseReadsBackAsItWas() throws IOException {
    Path file = folder.resolve("sessions").resolve(V1ReleaseDataSet.TRIP + ".jsonl");
    byte[] before = Files.readAllBytes(file);
    assertThat(new String(before, StandardCharsets.UTF_8)).startsWith("{\"format\":\"chat-store-session\",\"version\":1}");
    StoreSnapshot original;
    Message target;
    Message revised;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      original = StoreSnapshot.of(store, V1ReleaseDataSet.OWNERS.toArray(new String[0]));
      target = original.messages().get(V1ReleaseDataSet.TRIP).stream()
          .filter(m -> m.status() == MessageStatus.COMPLETE && !m.content().isEmpty()).findFirst().orElseThrow();
      revised = store.updateMessage(V1ReleaseDataSet.TRIP, target.id(),
          MessageUpdate.content("edited after the upgrade").by("ada"));
    }

    byte[] after = Files.readAllBytes(file);
    byte[] expected = before.clone();
    expected[new String(before, StandardCharsets.UTF_8).indexOf("\"version\":1") + "\"version\":".length()] = '2';
    assertThat(Arrays.copyOf(after, before.length)).as("only the header's number changed").isEqualTo(expected);
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      StoreSnapshot now = StoreSnapshot.of(store, V1ReleaseDataSet.OWNERS.toArray(new String[0]));
      assertThat(without(now.messages())).as("every other session's messages").isEqualTo(without(original.messages()));
      assertThat(without(now.sessions())).as("every other session").isEqualTo(without(original.sessions()));
      List<Message> expectedTrip = new ArrayList<>(original.messages().get(V1ReleaseDataSet.TRIP));
      expectedTrip.set((int) target.seq() - 1, revised);
      assertThat(now.messages().get(V1ReleaseDataSet.TRIP)).isEqualTo(expectedTrip);
      assertThat(store.messageRevisions(V1ReleaseDataSet.TRIP, target.id())).containsExactly(
          new MessageRevision(1, target.parts(), Optional.empty(), target.createdAt()),
          new MessageRevision(2, revised.parts(), Optional.of("ada"), revised.updatedAt()));
    }
  }

  private static <V> Map<String, V> without(Map<String, V> bySession) {
    Map<String, V> rest = new HashMap<>(bySession);
    rest.remove(V1ReleaseDataSet.TRIP);
    return rest;
  }
}
