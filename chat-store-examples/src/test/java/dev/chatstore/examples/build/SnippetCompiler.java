package dev.chatstore.examples.build;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Compiles {@link JavaSnippet}s against the test's class path and reports errors by Markdown file and line. */
final class SnippetCompiler {
  private SnippetCompiler() {}

  /**
   * The errors of compiling {@code snippets} together, in the order of the snippets and their lines,
   * each as {@code file.md:line `that line`: javac's message}; empty if they all compile.
   */
  static List<String> errors(List<JavaSnippet> snippets, Path classes) {
    List<SnippetSource> sources = snippets.stream().map(SnippetSource::of).collect(Collectors.toList());
    Javac.Result result = Javac.compile(List.of("--release", "17", "-proc:none", "-classpath",
        System.getProperty("java.class.path"), "-d", classes.toString()), sources);
    List<String> errors = result.errors().stream()
        .sorted(Comparator.comparing((Diagnostic<? extends JavaFileObject> d) -> sources.indexOf(d.getSource()))
            .thenComparing(Diagnostic::getLineNumber))
        .map(d -> where(d) + ": " + d.getMessage(Locale.ROOT))
        .collect(Collectors.toList());
    if (errors.isEmpty() && !result.success()) { // javac failed without an error diagnostic: say what it printed
      return List.of("javac failed: " + result.describe());
    }
    return errors;
  }

  // "docs/X.md:12" and, to see it at once, that line of the Markdown
  private static String where(Diagnostic<? extends JavaFileObject> d) {
    if (d.getSource() instanceof SnippetSource source) {
      int line = source.markdownLine(d.getLineNumber());
      return source.snippet().at(line) + " `" + source.snippet().line(line).strip() + "`";
    }
    return String.valueOf(d.getSource());
  }
}
