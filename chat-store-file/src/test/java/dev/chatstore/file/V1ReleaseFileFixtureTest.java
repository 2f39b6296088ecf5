package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.testkit.fixtures.AppendAndReopen;
import dev.chatstore.testkit.fixtures.FixtureResources;
import dev.chatstore.testkit.fixtures.V1ReleaseDataSet;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store folder written by the first release's {@link FileSessionStore} (session file format 1, see
 * {@code v1-release/README.md}) opens with today's code and reads back exactly as the store that wrote
 * it described it ({@code expected.json}), and still does once today's code has appended to it. The
 * fixture is copied first: opening may upgrade what it opens.
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
}
