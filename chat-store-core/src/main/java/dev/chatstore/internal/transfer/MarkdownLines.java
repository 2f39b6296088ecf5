package dev.chatstore.internal.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.chatstore.spi.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Where the Markdown transcript goes, a line or a block at a time: fenced blocks that no text inside
 * can close early, and quoted blocks every line of which stays in the quote. Not thread-safe; write
 * failures are {@link UncheckedIOException}s, which the exporter reports as unavailable.
 */
final class MarkdownLines {
  private final Writer out;

  MarkdownLines(Writer out) {
    this.out = out;
  }

  void line(String text) {
    try {
      out.write(text);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Canonical JSON, pretty-printed in a {@code json} block. */
  void json(String json) {
    String pretty;
    try {
      pretty = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.sorted(Json.parse(json, "json")));
    } catch (JsonProcessingException e) {
      pretty = json;
    }
    fenced(pretty, "json");
  }

  /** {@code text} exactly (NUL shown as the replacement character) in a block marked {@code info}. */
  void fenced(String text, String info) {
    String shown = MarkdownText.block(text);
    String fence = MarkdownText.fence(shown);
    line(fence + info);
    line(shown);
    line(fence);
    line("");
  }

  /** {@code text} as a quote under a bold {@code label}; every line of it is quoted, blank ones too. */
  void quoted(String label, String text) {
    line("> " + label);
    if (!text.isEmpty()) {
      line(">");
      for (String l : MarkdownText.block(text).split("\r\n|\r|\n", -1)) {
        line(l.isEmpty() ? ">" : "> " + l);
      }
    }
    line("");
  }
}
