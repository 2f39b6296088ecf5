package dev.chatstore.file.internal;

import static dev.chatstore.file.internal.LineJson.instant;
import static dev.chatstore.file.internal.LineJson.number;
import static dev.chatstore.file.internal.LineJson.optionalText;
import static dev.chatstore.file.internal.LineJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatstore.ChatStoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session index, {@code index.jsonl}: a header line, then one line per session with what a
 * listing shows. Only a cache of the session files: a missing, damaged or stale index is rebuilt
 * from them, and it is only ever replaced whole (temp file, force, rename, force the folder).
 */
final class IndexFile {
  static final String FORMAT = "chat-store-index";
  static final int VERSION = 1;
  private static final Logger LOG = LoggerFactory.getLogger(IndexFile.class);

  /** One session's line: its file size and, unless the file was unreadable, its summary. */
  record Entry(String id, long fileSize, Optional<Summary> summary) {}

  /** What the index holds; {@code sessionsModified} is the sessions folder's time when it was written. */
  record Contents(String sessionsModified, List<Entry> entries) {}

  private IndexFile() {}

  /** The index, or empty (logged) if there is none or it cannot be used. */
  static Optional<Contents> read(Path path) {
    List<Entry> entries = new ArrayList<>();
    String[] modified = {null};
    try (InputStream in = Files.newInputStream(path)) {
      LineScanner.scan(in, Long.MAX_VALUE, new LineScanner.Lines() {
        @Override
        public void line(byte[] buf, int off, int len, long offset, long lineNo) throws BadLine {
          JsonNode node = LineJson.parse(buf, off, len);
          if (modified[0] == null) {
            if (!FORMAT.equals(node.path("format").asText()) || number(node, "version") != VERSION) {
              throw new BadLine("not a version " + VERSION + " " + FORMAT + " header");
            }
            modified[0] = text(node, "sessionsModified");
          } else {
            entries.add(entry(node));
          }
        }

        @Override
        public void tail(byte[] buf, int len, long offset, long lineNo) throws BadLine {
          throw new BadLine("the last line is incomplete");
        }
      });
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | BadLine e) {
      LOG.warn("{} cannot be used ({}); rebuilding it from the session files", path, e.getMessage());
      return Optional.empty();
    }
    if (modified[0] == null) {
      LOG.warn("{} is empty; rebuilding it from the session files", path);
      return Optional.empty();
    }
    return Optional.of(new Contents(modified[0], entries));
  }

  private static Entry entry(JsonNode n) throws BadLine {
    String id = text(n, "id");
    long size = number(n, "size");
    if (n.path("unreadable").asBoolean(false)) {
      return new Entry(id, size, Optional.empty());
    }
    try {
      Summary s = new Summary(id, text(n, "owner"), optionalText(n, "project"), text(n, "title"),
          instant(n, "createdAt"), instant(n, "updatedAt"), number(n, "messages"), text(n, "preview"),
          n.hasNonNull("deletedAt") ? Optional.of(instant(n, "deletedAt")) : Optional.empty(),
          number(n, "unfinished"), size);
      s.toApi(); // the same checks a listing will make
      return new Entry(id, size, Optional.of(s));
    } catch (ChatStoreException e) {
      throw new BadLine(e.getMessage(), e);
    }
  }

  static void write(Path path, String sessionsModified, Collection<Entry> entries, boolean sync)
      throws IOException {
    Durable.replace(path, sync, out -> {
      ByteArrayOutputStream line = new ByteArrayOutputStream(512);
      LineJson.line(line, g -> {
        g.writeStringField("format", FORMAT);
        g.writeNumberField("version", VERSION);
        g.writeStringField("sessionsModified", sessionsModified);
      });
      line.writeTo(out);
      for (Entry e : entries) {
        line.reset();
        LineJson.line(line, g -> {
          g.writeStringField("id", e.id());
          g.writeNumberField("size", e.fileSize());
          if (e.summary().isEmpty()) {
            g.writeBooleanField("unreadable", true);
            return;
          }
          Summary s = e.summary().get();
          g.writeStringField("owner", s.owner());
          if (s.project().isPresent()) {
            g.writeStringField("project", s.project().get());
          }
          g.writeStringField("title", s.title());
          g.writeStringField("createdAt", s.createdAt().toString());
          g.writeStringField("updatedAt", s.updatedAt().toString());
          g.writeNumberField("messages", s.messageCount());
          g.writeStringField("preview", s.preview());
          if (s.deletedAt().isPresent()) {
            g.writeStringField("deletedAt", s.deletedAt().get().toString());
          }
          g.writeNumberField("unfinished", s.unfinished());
        });
        line.writeTo(out);
      }
      out.close();
    });
  }
}
