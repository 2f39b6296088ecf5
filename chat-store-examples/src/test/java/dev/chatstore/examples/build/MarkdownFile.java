package dev.chatstore.examples.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Markdown file split into its fenced code blocks and the prose between them, with line numbers. */
record MarkdownFile(Path file, List<String> lines) {
  private static final Pattern FENCE = Pattern.compile("^(`{3,}|~{3,})\\s*(\\S*).*$");

  /** A fenced block: its info word ({@code java}, {@code sh}, empty) and its lines, the first being {@code firstLine}. */
  record Block(String language, int firstLine, List<String> lines) {}

  /** {@code file} (relative to {@code root}) as read from disk. */
  static MarkdownFile read(Path root, Path file) {
    try {
      return new MarkdownFile(file, Files.readAllLines(root.resolve(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of line {@code number} (1-based). */
  String line(int number) {
    return lines.get(number - 1);
  }

  List<Block> blocks() {
    List<Block> blocks = new ArrayList<>();
    scan(blocks, null);
    return blocks;
  }

  /** The numbers of the lines outside any fenced block. */
  List<Integer> proseLines() {
    List<Integer> prose = new ArrayList<>();
    scan(new ArrayList<>(), prose);
    return prose;
  }

  private void scan(List<Block> blocks, List<Integer> prose) {
    String fence = null;
    String language = "";
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher open = FENCE.matcher(line);
      if (fence == null && open.matches()) {
        fence = open.group(1);
        language = open.group(2);
        start = i + 1;
      } else if (fence != null && line.startsWith(fence) && line.substring(fence.length()).isBlank()) {
        blocks.add(new Block(language, start + 1, List.copyOf(lines.subList(start, i))));
        fence = null;
      } else if (fence == null && prose != null) {
        prose.add(i + 1);
      }
    }
    if (fence != null) {
      throw new IllegalStateException(file + ":" + start + ": a code block that is never closed");
    }
  }
}
