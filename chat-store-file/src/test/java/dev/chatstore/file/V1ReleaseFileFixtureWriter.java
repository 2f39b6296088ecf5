package dev.chatstore.file;

import dev.chatstore.testkit.fixtures.FixtureOutput;
import dev.chatstore.testkit.fixtures.V1ReleaseDataSet;
import java.nio.file.Path;

/**
 * Writes the {@code v1-release} store folder that {@link V1ReleaseFileFixtureTest} opens: the
 * {@link V1ReleaseDataSet} written by today's {@link FileSessionStore} (session file format 1, index
 * format 1) into {@code store/}, left as the store leaves it when closed, and {@code expected.json}, the
 * description of the store that wrote it, made before it closed. Run once, by the release the fixture
 * stands for; the command is in the fixture's README.md.
 */
public final class V1ReleaseFileFixtureWriter {
  private V1ReleaseFileFixtureWriter() {}

  /** Arguments: the fixture folder (new or empty), the commit whose main code is running. */
  public static void main(String[] args) {
    FixtureOutput out = FixtureOutput.create(Path.of(args[0]));
    try (FileSessionStore store = FileSessionStore.builder(out.resolve("store"))
        .clock(V1ReleaseDataSet.clock()).open()) {
      V1ReleaseDataSet.write(store);
      out.write("expected.json", V1ReleaseDataSet.describer().describe(store));
    }
    out.writtenBy(V1ReleaseFileFixtureWriter.class, args[1],
        "FileSessionStore, session file format 1, index format 1, fsync every write");
  }
}
