package dev.chatstore.examples.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ```java block of the project's Markdown ({@link ProjectDocs}) compiles against the project's
 * classes, as {@link SnippetSource} wraps it, and every static call quoted in the prose exists
 * ({@link InlineCall}); a failure names the Markdown file and line. A block marked
 * {@code <!-- not compiled: REASON -->} on the line above its fence must give a reason and must indeed
 * not compile (else the mark is stale).
 */
class DocSnippetsCompileTest {
  @TempDir
  Path tmp;

  @Test
  void everyJavaSnippetInTheDocsCompiles() {
    List<JavaSnippet> snippets = snippets(ProjectDocs.root(), ProjectDocs.markdownFiles(ProjectDocs.root()));
    assertThat(snippets).extracting(s -> s.file().toString().replace('\\', '/'))
        .contains("README.md", "docs/EXPORT-FORMAT.md", "chat-store-jdbc/README.md", "chat-store-file/README.md");
    List<String> errors = SnippetCompiler.errors(
        snippets.stream().filter(s -> s.notCompiledBecause().isEmpty()).toList(), tmp);
    if (!errors.isEmpty()) {
      fail("a Java snippet in the docs does not compile: " + errors.get(0)
          + (errors.size() > 1 ? "\n\nall " + errors.size() + " errors:\n" + String.join("\n", errors) : ""));
    }
  }

  @Test
  void aSnippetMarkedNotCompiledSaysWhyAndReallyDoesNotCompile() {
    for (JavaSnippet snippet : snippets(ProjectDocs.root(), ProjectDocs.markdownFiles(ProjectDocs.root()))) {
      if (snippet.notCompiledBecause().isPresent()) {
        String at = snippet.at(snippet.firstLine() - 2);
        assertThat(snippet.notCompiledBecause().get()).as("the reason in the mark at %s", at).isNotBlank();
        assertThat(SnippetCompiler.errors(List.of(snippet), tmp))
            .as("%s is marked 'not compiled' but compiles: remove the mark", at).isNotEmpty();
      }
    }
  }

  @Test
  void everyStaticCallQuotedInTheProseExists() {
    List<InlineCall> calls = calls(ProjectDocs.root(), ProjectDocs.markdownFiles(ProjectDocs.root()));
    assertThat(calls).extracting(InlineCall::code).contains("SessionStore.inMemory()");
    List<String> problems = new ArrayList<>();
    for (InlineCall call : calls) {
      call.problem().ifPresent(problem -> problems.add(call.at() + ": `" + call.code() + "`: " + problem));
    }
    assertThat(problems).as("quoted static calls that do not exist").isEmpty();
  }

  /** The checks themselves: a broken page is reported at its file and line, a fragment sees the placeholders. */
  @Test
  void aBrokenPageIsReportedAtItsFileAndLine() throws IOException {
    Path page = Path.of("broken.md");
    Files.writeString(tmp.resolve(page), """
        # A page

        Replace with `ImportOptions.replacingExisting()`, list with `SessionStore.inMemory()`.

        ```java
        SessionExporter.of(store).export(sessionId, ExportFormat.JSONL, outputStream);
        ImportOptions options = ImportOptions.replacingExisting();
        ```

        <!-- not compiled: shows only the shape of a call -->
        ```java
        store.append(chat.id(), ...);
        ```
        """);
    List<JavaSnippet> snippets = snippets(tmp, List.of(page));
    assertThat(snippets).hasSize(2);
    assertThat(snippets.get(1).notCompiledBecause()).contains("shows only the shape of a call");
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    assertThat(SnippetCompiler.errors(snippets.subList(0, 1), classes)).singleElement().asString()
        .startsWith("broken.md:7 `ImportOptions options = ImportOptions.replacingExisting();`: ")
        .contains("non-static method replacingExisting()");
    assertThat(SnippetCompiler.errors(snippets.subList(1, 2), classes)).isNotEmpty();

    List<InlineCall> calls = calls(tmp, List.of(page));
    assertThat(calls).extracting(InlineCall::at).containsExactly("broken.md:3", "broken.md:3");
    assertThat(calls.get(0).problem()).hasValueSatisfying(p -> assertThat(p).contains("is an instance method"));
    assertThat(calls.get(1).problem()).isEmpty();
  }

  private static List<JavaSnippet> snippets(Path root, List<Path> files) {
    List<JavaSnippet> all = new ArrayList<>();
    files.forEach(file -> all.addAll(JavaSnippet.in(MarkdownFile.read(root, file))));
    return all;
  }

  private static List<InlineCall> calls(Path root, List<Path> files) {
    List<InlineCall> all = new ArrayList<>();
    files.forEach(file -> all.addAll(InlineCall.in(MarkdownFile.read(root, file))));
    return all;
  }
}
