package dev.chatstore.file.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatstore.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * JSON reading and writing for one line of a store file. Lines are written as UTF-8 with every
 * surrogate escaped ({@code \ud83d\ude00}), so text with unpaired surrogates (a chunk split inside an
 * emoji) round-trips exactly; embedded JSON values are the library's canonical text.
 */
final class LineJson {
  /** The library's strict mapper, without the default cap on string length: content may be large. */
  static final ObjectMapper MAPPER = mapper();

  private LineJson() {}

  private static ObjectMapper mapper() {
    ObjectMapper copy = Json.MAPPER.copy();
    copy.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxStringLength(Integer.MAX_VALUE)
        .maxNestingDepth(2000)
        .build());
    return copy;
  }

  /** Writes one JSON object as a line; {@code body} fills in its fields. */
  static void line(ByteArrayOutputStream out, Body body) {
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e); // cannot happen
    }
    out.write('\n');
  }

  /** Writes canonical JSON text as a nested value. */
  static void rawJson(JsonGenerator g, String field, String canonicalJson) throws IOException {
    g.writeFieldName(field);
    if (hasLoneSurrogate(canonicalJson)) { // raw output refuses those; the generator escapes them
      g.writeTree(Json.parse(canonicalJson, field));
    } else {
      g.writeRawValue(canonicalJson);
    }
  }

  static JsonNode parse(byte[] buf, int off, int len) throws BadLine {
    try {
      JsonNode node = MAPPER.readTree(buf, off, len);
      if (node == null || !node.isObject()) {
        throw new BadLine("not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new BadLine("not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  static String text(JsonNode node, String field) throws BadLine {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new BadLine("\"" + field + "\" must be a string");
    }
    return v.textValue();
  }

  static java.util.Optional<String> optionalText(JsonNode node, String field) throws BadLine {
    return node.hasNonNull(field) ? java.util.Optional.of(text(node, field)) : java.util.Optional.empty();
  }

  static long number(JsonNode node, String field) throws BadLine {
    JsonNode v = node.get(field);
    if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
      throw new BadLine("\"" + field + "\" must be an integer");
    }
    return v.longValue();
  }

  static Instant instant(JsonNode node, String field) throws BadLine {
    String s = text(node, field);
    try {
      return Instant.parse(s);
    } catch (DateTimeException e) {
      throw new BadLine("\"" + field + "\" is not an ISO-8601 instant: " + s, e);
    }
  }

  /** The canonical text of a nested JSON value. */
  static String json(JsonNode node, String field) throws BadLine {
    JsonNode v = node.get(field);
    if (v == null) {
      throw new BadLine("\"" + field + "\" is missing");
    }
    return Json.write(v);
  }

  static <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type) throws BadLine {
    String s = text(node, field);
    try {
      return Enum.valueOf(type, s);
    } catch (IllegalArgumentException e) {
      throw new BadLine("\"" + field + "\" has an unknown value: " + s, e);
    }
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** Fills in the fields of one line. */
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }
}
