package dev.chatstore.internal.transfer;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageRevision;
import dev.chatstore.spi.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes the export format as canonical JSON (compact, keys sorted) so the same session always
 * gives the same bytes: as one document ({@code messages} sorts last, so it can stream) or as JSONL
 * (a header line, then a line per message). Every export ends with a newline.
 */
public final class JsonExportWriter {
  private final Writer out;
  private final ExportNodes nodes;
  private final boolean lines;
  private boolean first = true;

  public JsonExportWriter(Writer out, ExportNodes nodes, boolean lines) {
    this.out = out;
    this.nodes = nodes;
    this.lines = lines;
  }

  public void header(ChatSession session) {
    String header = Json.write(nodes.header(session));
    if (lines) {
      write(header);
      write("\n");
    } else { // reopen the header object to append the messages array as its last field
      write(header.substring(0, header.length() - 1));
      write(",\"messages\":[");
    }
  }

  /** Writes {@code m} with its revisions (see {@link ExportNodes#message(Message, List)}). */
  public void message(Message m, List<MessageRevision> revisions) {
    if (!lines && !first) {
      write(",");
    }
    first = false;
    write(Json.write(nodes.message(m, revisions)));
    if (lines) {
      write("\n");
    }
  }

  public void end() {
    if (!lines) {
      write("]}\n");
    }
  }

  private void write(String text) {
    try {
      out.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
