package dev.chatstore.file.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.chatstore.CorruptDataException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.NewSession;
import dev.chatstore.crypto.MissingKeyException;
import dev.chatstore.spi.CipherScope;
import dev.chatstore.spi.FieldCipher;
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
import java.util.Set;
import java.util.TreeSet;
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
 * Version 3, what an encrypting store writes, is version 2 with each entry's title and preview sealed
 * (bound to the session and the field) and the key ids of its session file's lines in {@code keys}; a
 * plain store writes version 2, byte for byte as before. An entry whose values do not open (a key
 * missing, a value damaged or moved) is read as one to replay from its file.
 */
final class IndexFile {
  static final String FORMAT = "chat-store-index";
  static final int VERSION = 2;
  /** The version an encrypting store writes. */
  static final int SEALED_VERSION = 3;
  private static final Logger LOG = LoggerFactory.getLogger(IndexFile.class);
  /** The fields an entry's sealed values are bound to. */
  private static final String TITLE = "index.title";
  private static final String PREVIEW = "index.preview";

  /** One session's line: its file size and, unless the file was unreadable, its summary. */
  record Entry(String id, long fileSize, Optional<Summary> summary) {}

  /**
   * What the index holds; {@code sessionsModified} is the sessions folder's time when it was written,
   * {@code allOpened} false if an entry's values did not open (that entry has no summary), and
   * {@code keyIds} what its values are sealed with ({@link LineCipher#CLEAR} for values in clear).
   */
  record Contents(String sessionsModified, List<Entry> entries, boolean allOpened, Set<String> keyIds) {}

  private IndexFile() {}

  /** The index, its values opened with {@code cipher}, or empty (logged) if there is none or it cannot be used. */
  static Optional<Contents> read(Path path, FieldCipher cipher) {
    List<Entry> entries = new ArrayList<>();
    String[] modified = {null};
    Opening opening = new Opening(cipher);
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
            if (version != VERSION && version != SEALED_VERSION) {
              throw new BadLine("index format " + version + (version < VERSION
                  ? ", written by an earlier release: it holds no conversation keys"
                  : ", not " + VERSION + " or " + SEALED_VERSION));
            }
            modified[0] = line.text("sessionsModified");
          } else {
            entries.add(entry(buf, off, len, lineNo, opening));
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
    return Optional.of(new Contents(modified[0], entries, opening.allOpened, Set.copyOf(opening.keyIds)));
  }

  /** Opens the values of the entries, noting what they were sealed with and whether any did not open. */
  private static final class Opening {
    private final FieldCipher cipher;
    private final Set<String> keyIds = new TreeSet<>();
    private boolean allOpened = true;

    Opening(FieldCipher cipher) {
      this.cipher = cipher;
    }

    String open(String stored, String id, String field) {
      keyIds.add(cipher.keyIdOf(stored).orElse(LineCipher.CLEAR));
      return cipher.open(stored, CipherScope.session(id, field));
    }
  }

  /** One entry, read field by field: this runs ten thousand times when a big store opens. */
  private static Entry entry(byte[] buf, int off, int len, long lineNo, Opening opening) throws BadLine {
    String id = null;
    String owner = null;
    String project = null;
    String title = null;
    String createdAt = null;
    String updatedAt = null;
    String deletedAt = null;
    String preview = null;
    String key = null;
    Set<String> keyIds = null;
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
          case "keys" -> keyIds = strings(p, t);
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
    try {
      title = opening.open(title, id, TITLE);
      preview = opening.open(preview, id, PREVIEW);
    } catch (CorruptDataException | MissingKeyException e) { // only a cache: its file says what it holds
      LOG.info("the index entry of session {} does not open ({}); its file will be read again", id, e.getMessage());
      opening.allOpened = false;
      return new Entry(id, size, Optional.empty());
    }
    return new Entry(id, size, Optional.of(new Summary(id, owner, Optional.ofNullable(project), title,
        Instants.parse(createdAt), Instants.parse(updatedAt), messages, preview,
        deletedAt == null ? Optional.empty() : Optional.of(Instants.parse(deletedAt)), Optional.ofNullable(key),
        unfinished, size, keyIds == null ? Set.of(LineCipher.CLEAR) : keyIds)));
  }

  /** An array of strings, or null (the entry then says nothing of its keys). */
  private static Set<String> strings(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    Set<String> all = new TreeSet<>();
    for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
      if (item != JsonToken.VALUE_STRING) {
        p.skipChildren();
        return null;
      }
      all.add(p.getText());
    }
    return all;
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

  /** Writes the index whole, its values sealed with {@code cipher}'s current key; returns the key ids used. */
  static Set<String> write(Path path, String sessionsModified, Collection<Entry> entries, boolean sync,
      FieldCipher cipher) throws IOException {
    boolean seals = cipher.encrypts();
    Set<String> keyIds = new TreeSet<>();
    Durable.replace(path, sync, out -> {
      ByteArrayOutputStream line = new ByteArrayOutputStream(512);
      LineJson.line(line, g -> {
        g.writeStringField("format", FORMAT);
        g.writeNumberField("version", seals ? SEALED_VERSION : VERSION);
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
          g.writeStringField("title", seal(cipher, s.title(), s.id(), TITLE, keyIds));
          g.writeStringField("createdAt", s.createdAt().toString());
          g.writeStringField("updatedAt", s.updatedAt().toString());
          g.writeNumberField("messages", s.messageCount());
          g.writeStringField("preview", seal(cipher, s.preview(), s.id(), PREVIEW, keyIds));
          if (s.deletedAt().isPresent()) {
            g.writeStringField("deletedAt", s.deletedAt().get().toString());
          }
          g.writeNumberField("unfinished", s.unfinished());
          if (seals) { // key ids only: what tells a rotation which files need it without opening them
            g.writeArrayFieldStart("keys");
            for (String keyId : new TreeSet<>(s.keyIds())) {
              g.writeString(keyId);
            }
            g.writeEndArray();
          }
        });
        line.writeTo(out);
      }
      out.close();
    });
    return Set.copyOf(keyIds);
  }

  private static String seal(FieldCipher cipher, String value, String id, String field, Set<String> keyIds) {
    String stored = cipher.seal(value, CipherScope.session(id, field));
    keyIds.add(cipher.keyIdOf(stored).orElse(LineCipher.CLEAR));
    return stored;
  }
}
