package dev.chatstore.file.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.chatstore.InvalidInputException;
import dev.chatstore.NewSession;
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
 *
 * <p>Version 2 adds each session's conversation key. An index of version 1 is not used at all, not
 * even its entries whose file size still matches: an earlier release may have written it over a
 * folder whose sessions have keys, which it leaves out, so only the session files can tell them.
 */
final class IndexFile {
  static final String FORMAT = "chat-store-index";
  static final int VERSION = 2;
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
          if (modified[0] == null) {
            LineFields line = LineFields.read(buf, off, len);
            if (!line.has("format") || !FORMAT.equals(line.text("format"))) {
              throw new BadLine("not a " + FORMAT + " header");
            }
            long version = line.number("version");
            if (version != VERSION) {
              throw new BadLine("index format " + version + (version < VERSION
                  ? ", written by an earlier release: it holds no conversation keys" : ", not " + VERSION));
            }
            modified[0] = line.text("sessionsModified");
          } else {
            entries.add(entry(buf, off, len, lineNo));
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

  /** One entry, read field by field: this runs ten thousand times when a big store opens. */
  private static Entry entry(byte[] buf, int off, int len, long lineNo) throws BadLine {
    String id = null;
    String owner = null;
    String project = null;
    String title = null;
    String createdAt = null;
    String updatedAt = null;
    String deletedAt = null;
    String preview = null;
    String key = null;
    long size = -1;
    long messages = -1;
    long unfinished = -1;
    boolean unreadable = false;
    try (JsonParser p = LineJson.STREAMING.getFactory().createParser(buf, off, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadLine("line " + lineNo + " is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "id" -> id = string(p, t);
          case "owner" -> owner = string(p, t);
          case "project" -> project = string(p, t);
          case "title" -> title = string(p, t);
          case "createdAt" -> createdAt = string(p, t);
          case "updatedAt" -> updatedAt = string(p, t);
          case "deletedAt" -> deletedAt = string(p, t);
          case "preview" -> preview = string(p, t);
          case "key" -> key = string(p, t);
          case "size" -> size = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
          case "messages" -> messages = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
          case "unfinished" -> unfinished = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
          case "unreadable" -> unreadable = t == JsonToken.VALUE_TRUE;
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new BadLine("line " + lineNo + " has more after its object");
      }
    } catch (IOException e) {
      throw new BadLine("line " + lineNo + " is not valid JSON", e);
    }
    if (id == null || !IdShape.isId(id) || size < 0) { // the id becomes a path: an index is no reason to trust one
      throw new BadLine("line " + lineNo + " has no id of the right shape or no size");
    }
    if (unreadable) {
      return new Entry(id, size, Optional.empty());
    }
    if (owner == null || !IdShape.isOwner(owner) || (project != null && !IdShape.isOwner(project)) || title == null
        || preview == null || createdAt == null || updatedAt == null || messages < 0 || unfinished < 0) {
      throw new BadLine("line " + lineNo + " is not a complete session entry");
    }
    if (key != null && !isKey(key)) {
      throw new BadLine("line " + lineNo + " has a \"key\" that is not a conversation key");
    }
    return new Entry(id, size, Optional.of(new Summary(id, owner, Optional.ofNullable(project), title,
        Instants.parse(createdAt), Instants.parse(updatedAt), messages, preview,
        deletedAt == null ? Optional.empty() : Optional.of(Instants.parse(deletedAt)), Optional.ofNullable(key),
        unfinished, size)));
  }

  private static boolean isKey(String key) {
    try {
      NewSession.key(key);
      return true;
    } catch (InvalidInputException e) {
      return false;
    }
  }

  private static String string(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      p.skipChildren();
      return null;
    }
    return p.getText();
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
          if (s.key().isPresent()) {
            g.writeStringField("key", s.key().get());
          }
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
