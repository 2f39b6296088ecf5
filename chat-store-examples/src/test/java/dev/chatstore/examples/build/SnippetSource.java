package dev.chatstore.examples.build;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;

/**
 * A {@link JavaSnippet} made into a compilation unit, in memory, with its lines where they were.
 *
 * <p>A snippet with {@code import} lines or a type declaration at the start of a line is a whole
 * file: it gets the usual imports in front, on one line. Any other snippet is a fragment: it becomes
 * the body of {@code void snippet() throws Exception} in a subclass of {@link SnippetContext}, so its
 * statements can use the names declared there. Each snippet has its own package, so two snippets may
 * declare the same class.
 */
final class SnippetSource extends SimpleJavaFileObject {
  /** What every snippet may use without importing it: the API packages and the JDK's usual ones. */
  static final List<String> IMPORTS = List.of("dev.chatstore.*", "dev.chatstore.active.*", "dev.chatstore.async.*",
      "dev.chatstore.audit.*", "dev.chatstore.crypto.*", "dev.chatstore.limit.*", "dev.chatstore.manager.*",
      "dev.chatstore.metadata.*", "dev.chatstore.transfer.*", "dev.chatstore.jdbc.*", "dev.chatstore.file.*",
      "java.io.*", "java.nio.file.*", "java.time.*", "java.util.*", "java.util.concurrent.*", "javax.sql.DataSource",
      "com.zaxxer.hikari.HikariDataSource");

  private static final Pattern TYPE = Pattern.compile(
      "^(?:public\\s+)?(?:(?:final|abstract|sealed|non-sealed)\\s+)*(?:class|interface|enum|record)\\s+(\\w+)",
      Pattern.MULTILINE);
  private static final Pattern IMPORT = Pattern.compile("^import\\s", Pattern.MULTILINE);

  private final JavaSnippet snippet;
  private final String text;
  private final int headerLines; // generated lines before the snippet's first line

  private SnippetSource(JavaSnippet snippet, String pkg, String className, String text, int headerLines) {
    super(URI.create("string:///" + pkg.replace('.', '/') + "/" + className + Kind.SOURCE.extension),
        JavaFileObject.Kind.SOURCE);
    this.snippet = snippet;
    this.text = text;
    this.headerLines = headerLines;
  }

  static SnippetSource of(JavaSnippet snippet) {
    if (snippet.code().strip().startsWith("package ")) {
      throw new IllegalArgumentException(snippet.at(snippet.firstLine()) + ": a snippet declares no package");
    }
    String pkg = "docsnippets." + snippet.file().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
        + "_l" + snippet.firstLine();
    String header = "package " + pkg + "; " + IMPORTS.stream().map(i -> "import " + i + ";")
        .reduce((a, b) -> a + " " + b).orElse("") + "\n";
    Matcher type = TYPE.matcher(snippet.code());
    if (IMPORT.matcher(snippet.code()).find() || type.find()) {
      Matcher publicType = Pattern.compile("^public\\s+(?:(?:final|abstract|sealed)\\s+)*(?:class|interface|enum|record)"
          + "\\s+(\\w+)", Pattern.MULTILINE).matcher(snippet.code());
      String name = publicType.find() ? publicType.group(1) : "Snippet";
      return new SnippetSource(snippet, pkg, name, header + snippet.code(), 1);
    }
    String open = "abstract class Snippet extends " + SnippetContext.class.getName()
        + " { void snippet() throws Exception {\n";
    return new SnippetSource(snippet, pkg, "Snippet", header + open + snippet.code() + "}}\n", 2);
  }

  JavaSnippet snippet() {
    return snippet;
  }

  /** The Markdown line a line of the generated source came from (the snippet's first for template lines). */
  int markdownLine(long generatedLine) {
    return snippet.firstLine() + (int) Math.max(0, Math.min(generatedLine - 1 - headerLines,
        snippet.code().lines().count() - 1));
  }

  @Override
  public CharSequence getCharContent(boolean ignoreEncodingErrors) {
    return text;
  }
}
