package dev.chatstore.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one function every store path goes through refuses anything that is not a direct child. */
class StoreFolderTest {
  @TempDir
  Path dir;

  @Test
  void onlyDirectChildrenPass() {
    Path root = dir.toAbsolutePath().normalize();
    for (String bad : List.of("..", ".", "../x", "a/b", "a/../../b", "/etc/passwd", "x/..", "", "a\u0000b")) {
      assertThatThrownBy(() -> StoreFolder.inside(root, bad)).as(bad).isInstanceOf(InvalidInputException.class);
    }
    assertThat(StoreFolder.inside(root, "a..b.jsonl")).isEqualTo(root.resolve("a..b.jsonl"));
  }

  @Test
  void sessionPathsCheckTheIdFirst() {
    StoreFolder folder = new StoreFolder(dir);
    assertThatThrownBy(() -> folder.sessionFile("../up")).isInstanceOf(InvalidInputException.class)
        .extracting("field").isEqualTo("sessionId");
    assertThat(folder.sessionFile("abc")).isEqualTo(folder.sessions.resolve("abc.jsonl"));
    assertThat(StoreFolder.sessionIdOf(folder.sessions.resolve("abc.jsonl"))).contains("abc");
    assertThat(StoreFolder.sessionIdOf(folder.sessions.resolve("abc.jsonl.torn"))).isEmpty();
    assertThat(StoreFolder.sessionIdOf(folder.sessions.resolve(".abc.jsonl.tmp-1"))).isEmpty();
    assertThat(StoreFolder.sessionIdOf(folder.sessions.resolve("a b.jsonl"))).isEmpty();
  }
}
