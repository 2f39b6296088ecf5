package dev.chatstore.file.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatstore.UnavailableException;
import dev.chatstore.spi.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * JSON reading and writing for one line of a store file. Lines are written as UTF-8 with every
 * surrogate escaped ({@code \ud83d\ude00}), so text with unpaired surrogates (a chunk split inside an
 * emoji) round-trips exactly; embedded JSON values are the library's canonical text.
 */
final class LineJson {
  /** The library's strict mapper, without the default cap on string length: content may be large. */
  static final ObjectMapper MAPPER = mapper();
  /**
   * The same, for reading values out of a line with the streaming parser: there the parser goes on
   * after a value, so "trailing tokens" are the rest of the line, checked by the reader itself.
   */
  static final ObjectMapper STREAMING = MAPPER.copy().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
    } catch (IOException e) { // a generator over a byte array does not fail; if it ever does, say so
      throw new UnavailableException("encoding a line failed: " + e, e);
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
