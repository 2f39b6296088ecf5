package dev.chatstore.examples.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ```java block of a Markdown file: its code, the line its code starts on, and, when the line
 * just above the fence is {@code <!-- not compiled: REASON -->}, why it is deliberately partial.
 */
record JavaSnippet(Path file, int firstLine, String code, Optional<String> notCompiledBecause) {
  private static final Pattern NOT_COMPILED = Pattern.compile("^<!--\\s*not compiled:(.*)-->$");

  /** Where the snippet is, as an editor or a build log shows it: {@code docs/X.md:12}. */
  String at(int line) {
    return file.toString().replace('\\', '/') + ":" + line;
  }

  /** The text of one of the snippet's lines, by its line number in the Markdown file. */
  String line(int line) {
    return code.lines().skip(Math.max(0, line - firstLine)).findFirst().orElse("");
  }

  /** The ```java blocks of {@code markdown}, in order. */
  static List<JavaSnippet> in(MarkdownFile markdown) {
    List<JavaSnippet> snippets = new ArrayList<>();
    for (MarkdownFile.Block block : markdown.blocks()) {
      if (block.language().equals("java")) {
        int fence = block.firstLine() - 1;
        Optional<String> reason = Optional.empty();
        if (fence > 1) {
          Matcher mark = NOT_COMPILED.matcher(markdown.line(fence - 1).strip());
          reason = mark.matches() ? Optional.of(mark.group(1).strip()) : Optional.empty();
        }
        String code = block.lines().isEmpty() ? "" : String.join("\n", block.lines()) + "\n";
        snippets.add(new JavaSnippet(markdown.file(), block.firstLine(), code, reason));
      }
    }
    return snippets;
  }
}
