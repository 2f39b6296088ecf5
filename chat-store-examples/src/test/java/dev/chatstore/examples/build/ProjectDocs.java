package dev.chatstore.examples.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The project's Markdown files: those at the top of the repository, under docs/, and at the top of
 * each module (its README and pages such as chat-store-examples/CLI.md). Test resources and build
 * output are not documentation and are left out.
 */
final class ProjectDocs {
  private ProjectDocs() {}

  /** The repository's root: the folder above this module's (Surefire runs tests in the module's folder). */
  static Path root() {
    Path root = Path.of("").toAbsolutePath().getParent();
    if (root == null || !Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("docs"))) {
      throw new IllegalStateException("run from chat-store-examples inside the repository, not " + Path.of("")
          .toAbsolutePath());
    }
    return root;
  }

  /** Every Markdown file, in a stable order (paths relative to the root). */
  static List<Path> markdownFiles(Path root) {
    List<Path> files = new ArrayList<>(markdownIn(root));
    files.addAll(markdownUnder(root.resolve("docs")));
    for (Path dir : list(root)) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))) {
        files.addAll(markdownIn(dir));
      }
    }
    return files.stream().map(root::relativize).sorted().collect(Collectors.toList());
  }

  private static List<Path> markdownIn(Path dir) {
    return list(dir).stream().filter(ProjectDocs::isMarkdown).collect(Collectors.toList());
  }

  private static List<Path> markdownUnder(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(ProjectDocs::isMarkdown).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isMarkdown(Path p) {
    return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".md");
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
