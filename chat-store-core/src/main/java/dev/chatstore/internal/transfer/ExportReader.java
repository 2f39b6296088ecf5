package dev.chatstore.internal.transfer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.chatstore.InvalidInputException;
import dev.chatstore.UnavailableException;
import dev.chatstore.spi.Json;
import dev.chatstore.transfer.ExportFormat;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a JSON or JSONL export one message at a time, whichever of the two it is: a JSON export's
 * root object holds a {@code messages} array, a JSONL export's first line is the same object without
 * it and every further value is a message. Memory stays at one message whatever the file's size.
 *
 * <p>Errors are {@link InvalidInputException}s naming the field path and the line; a read failure is
 * an {@link UnavailableException}. Not thread-safe.
 */
public final class ExportReader implements Closeable {
  // Trees are read from the middle of the input, so what follows one is not "trailing".
  private static final ObjectReader TREES = Json.MAPPER.reader()
      .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final JsonParser parser;
  private final String source;
  private final ImportNodes nodes;
  private final boolean freshIds;
  private ImportedChat chat;
  private int version; // the export's formatVersion, once the header is read
  private boolean inArray; // JSON: reading the messages array; JSONL: false
  private boolean done;
  private long read;
  private long lastSeq;

  public ExportReader(InputStream in, String source, ImportNodes nodes, boolean freshIds) {
    this.source = source;
    this.nodes = nodes;
    this.freshIds = freshIds;
    try {
      this.parser = Json.MAPPER.createParser(in);
    } catch (IOException e) {
      throw new UnavailableException("could not read " + source, e);
    }
  }

  /** Reads up to the first message and returns the chat; call once, before {@link #next()}. */
  public ImportedChat header() {
    return io(() -> {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw invalid(source, "is not a chat-store export: it must start with a JSON object");
      }
      JsonNode chatNode = null;
      String format = null;
      Long version = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (Fields.MESSAGES.equals(name)) {
          if (value != JsonToken.START_ARRAY) {
            throw invalid(Fields.MESSAGES, "must be an array");
          }
          inArray = true;
          break;
        }
        switch (name) {
          case Fields.CHAT -> chatNode = tree();
          case Fields.FORMAT -> {
            JsonNode f = tree();
            format = f.isTextual() ? f.textValue() : "";
          }
          case Fields.FORMAT_VERSION -> {
            JsonNode v = tree();
            version = v.isIntegralNumber() && v.canConvertToLong() ? v.longValue() : -1L;
          }
          default -> parser.skipChildren(); // a field a later minor version added
        }
      }
      check(format, version, chatNode);
      this.version = version.intValue();
      chat = nodes.chat(chatNode, this.version);
      return chat;
    });
  }

  /** The next message, or empty at the end of the export (then the whole input has been checked). */
  public Optional<ImportedMessage> next() {
    if (chat == null) {
      throw new IllegalStateException("header() first");
    }
    if (done) {
      return Optional.empty();
    }
    return io(() -> {
      JsonToken token = parser.nextToken();
      if (inArray && token == JsonToken.END_ARRAY) {
        finishJson();
        return Optional.empty();
      }
      if (!inArray && token == null) {
        finish();
        return Optional.empty();
      }
      String path = Fields.MESSAGES + "[" + read + "]";
      if (token != JsonToken.START_OBJECT) {
        throw invalid(path, "must be a JSON object");
      }
      long line = parser.currentTokenLocation().getLineNr();
      JsonNode node = tree();
      try {
        OptionalLong seq = nodes.seq(node, path);
        if (seq.isPresent()) {
          if (seq.getAsLong() <= lastSeq) {
            throw new InvalidInputException(path + ".seq", "must be greater than the previous message's ("
                + lastSeq + "), was " + seq.getAsLong());
          }
          lastSeq = seq.getAsLong();
        }
        ImportedMessage message = nodes.message(node, path, freshIds, version);
        read++;
        return Optional.of(message);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(e.field(), e.reason() + " (" + source + " line " + line + ")", e);
      }
    });
  }

  private JsonNode tree() throws IOException {
    JsonNode node = TREES.readTree(parser);
    return node == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : node;
  }

  /** Messages read so far. */
  public long messagesRead() {
    return read;
  }

  private void finishJson() throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      parser.nextToken();
      parser.skipChildren(); // fields after the messages are allowed and ignored
    }
    if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
      throw invalid(source, "has content after the export's closing brace");
    }
    finish();
  }

  private void finish() {
    done = true;
    OptionalLong expected = chat.messageCount();
    if (expected.isPresent() && expected.getAsLong() != read) {
      throw invalid(Fields.MESSAGES, "the export holds " + read + " messages but its chat counts "
          + expected.getAsLong() + ": the file is probably cut short");
    }
  }

  private void check(String format, Long version, JsonNode chatNode) {
    if (!ExportFormat.FORMAT_NAME.equals(format)) {
      throw invalid(Fields.FORMAT, "must be \"" + ExportFormat.FORMAT_NAME + "\": is " + source
          + " a chat-store export?");
    }
    if (version == null || version < 1) {
      throw invalid(Fields.FORMAT_VERSION, "must be a whole number >= 1");
    }
    if (version > ExportFormat.FORMAT_VERSION) {
      throw invalid(Fields.FORMAT_VERSION, "is " + version + ", newer than the newest this library reads ("
          + ExportFormat.FORMAT_VERSION + "): a newer chat-store wrote it; upgrade chat-store to import it");
    }
    if (chatNode == null) {
      throw invalid(Fields.CHAT, "is required and must come before the messages");
    }
  }

  private InvalidInputException invalid(String field, String reason) {
    return new InvalidInputException(field, reason);
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new UnavailableException("could not close " + source, e);
    }
  }

  private interface IoCall<T> {
    T run() throws IOException;
  }

  private <T> T io(IoCall<T> call) {
    try {
      return call.run();
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InvalidInputException(source, "is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UnavailableException("could not read " + source, e);
    }
  }
}
