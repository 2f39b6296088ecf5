package dev.chatstore.file.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chatstore.ChatStoreException;
import dev.chatstore.spi.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of one JSON object of a line, read with the streaming parser: scalars as they are,
 * nested JSON values the format holds as documents as canonical text, metadata as the raw text of
 * the line (the codec parses it anyway), tool calls and results as trees for ToolJson, a message's
 * body, a stream's attachments and a revision's parts as trees for MessageBody and PartJson, other
 * nested objects and arrays as {@code LineFields}.
 * Reading only checks the JSON; the typed getters check the format afterwards, so a line cut short
 * is always reported as a syntax error, never as a wrong field.
 */
final class LineFields {
  /** Fields whose value is a JSON document returned to the host as canonical text. */
  private static final Set<String> DOCUMENTS = Set.of("state");
  /** Fields whose value is kept as a tree for a shared codec to read (ToolJson, MessageBody, PartJson). */
  private static final Set<String> TREES = Set.of("toolCalls", "toolResult", "body", "attachments", "parts");
  /** Fields whose value is passed to a metadata codec, which accepts any layout. */
  private static final Set<String> RAW = Set.of("metadata");
  private static final Object NULL = new Object();

  private final Map<String, Object> values = new HashMap<>();

  private LineFields() {}

  /** Reads the object in {@code buf[off, off + len)}, which must be all the line holds. */
  static LineFields read(byte[] buf, int off, int len) throws BadLine {
    try (JsonParser p = LineJson.STREAMING.getFactory().createParser(buf, off, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw BadLine.syntax("not a JSON object", null);
      }
      LineFields fields = object(p, buf, off);
      if (p.nextToken() != null) {
        throw BadLine.syntax("more follows the JSON object", null);
      }
      return fields;
    } catch (IOException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw BadLine.syntax("not valid JSON: " + message, e);
    } catch (ChatStoreException e) { // a document without a canonical form (a number too large)
      throw new BadLine(e.getMessage(), e);
    }
  }

  private static LineFields object(JsonParser p, byte[] buf, int off) throws IOException {
    LineFields fields = new LineFields();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken token = p.nextToken();
      fields.values.put(name, value(name, token, p, buf, off));
    }
    return fields;
  }

  private static Object value(String name, JsonToken token, JsonParser p, byte[] buf, int off) throws IOException {
    if (DOCUMENTS.contains(name)) {
      return Json.write(p.readValueAsTree());
    }
    if (TREES.contains(name)) {
      JsonNode tree = p.readValueAsTree();
      return tree.isNull() ? NULL : tree;
    }
    if (RAW.contains(name) && token == JsonToken.START_OBJECT) {
      long start = p.currentTokenLocation().getByteOffset();
      p.skipChildren();
      long end = p.currentLocation().getByteOffset();
      return new RawJson(new String(buf, off + (int) start, (int) (end - start), StandardCharsets.UTF_8));
    }
    switch (token) {
      case START_OBJECT:
        return object(p, buf, off);
      case START_ARRAY:
        List<Object> items = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          items.add(value("", t, p, buf, off));
        }
        return items;
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getNumberValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      default:
        return NULL;
    }
  }

  /**
   * Refuses a line of sealed values that also holds one of {@code sealedOnly} in clear: a value planted
   * beside them, which no store writes.
   */
  void requireNoneOf(Set<String> sealedOnly) throws BadLine {
    for (String name : values.keySet()) {
      if (sealedOnly.contains(name)) {
        throw new BadLine("\"" + name + "\" is in clear beside sealed values: a sealed line holds its values"
            + " only sealed");
      }
    }
  }

  /**
   * Takes in the fields of {@code sealed}, the object a line's {@code replaced} field held sealed, in
   * place of that field; a field both in clear and sealed, or one of {@code sealedOnly} in clear at all,
   * makes the line a bad one.
   */
  void add(LineFields sealed, String replaced, Set<String> sealedOnly) throws BadLine {
    values.remove(replaced);
    requireNoneOf(sealedOnly);
    for (Map.Entry<String, Object> e : sealed.values.entrySet()) {
      if (values.putIfAbsent(e.getKey(), e.getValue()) != null) {
        throw new BadLine("\"" + e.getKey() + "\" is both in clear and sealed");
      }
    }
  }

  /** Metadata as it stands in the line. */
  private record RawJson(String text) {}

  boolean has(String field) {
    Object v = values.get(field);
    return v != null && v != NULL;
  }

  String text(String field) throws BadLine {
    if (values.get(field) instanceof String s) {
      return s;
    }
    throw new BadLine("\"" + field + "\" must be a string");
  }

  Optional<String> optionalText(String field) throws BadLine {
    return has(field) ? Optional.of(text(field)) : Optional.empty();
  }

  long number(String field) throws BadLine {
    Object v = values.get(field);
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger || v instanceof BigDecimal) {
      try {
        return new BigDecimal(v.toString()).longValueExact();
      } catch (ArithmeticException e) {
        throw new BadLine("\"" + field + "\" must be a whole number that fits in 64 bits, was " + v, e);
      }
    }
    throw new BadLine("\"" + field + "\" must be a number");
  }

  Instant instant(String field) throws BadLine {
    try {
      return Instants.parse(text(field));
    } catch (BadLine e) {
      throw new BadLine("\"" + field + "\": " + e.getMessage(), e);
    }
  }

  <E extends Enum<E>> E enumValue(String field, Class<E> type) throws BadLine {
    String s = text(field);
    try {
      return Enum.valueOf(type, s);
    } catch (IllegalArgumentException e) {
      throw new BadLine("\"" + field + "\" has an unknown value: " + s, e);
    }
  }

  /** A document (state, arguments, output) as canonical JSON text. */
  String document(String field) throws BadLine {
    if (values.get(field) instanceof String s) {
      return s;
    }
    throw new BadLine("\"" + field + "\" is missing");
  }

  Optional<String> optionalDocument(String field) throws BadLine {
    return values.containsKey(field) ? Optional.of(document(field)) : Optional.empty();
  }

  /** Metadata JSON, for a codec to decode. */
  String metadata(String field) throws BadLine {
    Object v = values.get(field);
    if (v instanceof RawJson raw) {
      return raw.text();
    }
    throw new BadLine("\"" + field + "\" must be a JSON object");
  }

  Optional<String> optionalMetadata(String field) throws BadLine {
    return values.containsKey(field) ? Optional.of(metadata(field)) : Optional.empty();
  }

  Optional<LineFields> optionalObject(String field) throws BadLine {
    Object v = values.get(field);
    if (v == null || v == NULL) {
      return Optional.empty();
    }
    if (v instanceof LineFields f) {
      return Optional.of(f);
    }
    throw new BadLine("\"" + field + "\" must be an object");
  }

  /** A value kept as a tree (see {@link #TREES}); empty if absent or null. */
  Optional<JsonNode> optionalTree(String field) {
    return values.get(field) instanceof JsonNode tree ? Optional.of(tree) : Optional.empty();
  }
}
