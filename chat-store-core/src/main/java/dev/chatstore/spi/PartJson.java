package dev.chatstore.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatstore.InlineBytes;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MediaPart;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.TextPart;
import dev.chatstore.UnknownPart;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The JSON of message parts, wherever they are stored or exported: the one home of that shape. A part
 * is an object with its {@code type} and its fields: {@code {"text": "...", "type": "text"}};
 * {@code {"encrypted": "...", "signature": "...", "text": "...", "type": "reasoning"}} (both
 * optional); {@code {"bytes": "<base64>" | "uri": "...", "fileName": "...", "mimeType": "...",
 * "type": "media"}}. Fields it does not know, and parts of types it does not know, are read into
 * {@link Part#unknownFields()} and {@link UnknownPart} and written back as they were. Stateless.
 *
 * <p>Reading throws {@link InvalidInputException} naming the field (under {@code path}); a backend
 * reading its own storage turns that into a {@code CorruptDataException} naming the row or file.
 */
public final class PartJson {
  private static final String PART = "part";
  private static final String UNKNOWN_FIELDS = "part.unknownFields";

  private PartJson() {}

  /** The parts as a JSON array. */
  public static ArrayNode parts(List<Part> parts) {
    Checks.notNull(parts, "parts");
    ArrayNode array = Json.MAPPER.getNodeFactory().arrayNode();
    for (Part part : parts) {
      array.add(part(part));
    }
    return array;
  }

  /** One part as a JSON object. */
  public static ObjectNode part(Part part) {
    Checks.notNull(part, "part");
    ObjectNode o = Json.MAPPER.getNodeFactory().objectNode();
    part.unknownFields().forEach((name, json) -> o.set(name, Json.parse(json, "part.unknownFields." + name)));
    o.put("type", part.type());
    if (part instanceof TextPart t) {
      o.put("text", t.text());
    } else if (part instanceof ReasoningPart r) {
      o.put("text", r.text());
      r.signature().ifPresent(s -> o.put("signature", s));
      r.encrypted().ifPresent(e -> o.put("encrypted", e));
    } else if (part instanceof MediaPart m) {
      o.put("mimeType", m.mimeType());
      m.uri().ifPresent(u -> o.put("uri", u));
      m.bytes().ifPresent(b -> o.put("bytes", b.base64()));
      m.fileName().ifPresent(f -> o.put("fileName", f));
    } // an UnknownPart is its type and its fields
    return o;
  }

  /** The parts of a JSON array made by {@link #parts(List)}. */
  public static List<Part> parts(JsonNode array, String path) {
    Checks.notNull(array, path);
    if (!array.isArray()) {
      throw new InvalidInputException(path, "must be a JSON array of parts");
    }
    List<Part> parts = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      parts.add(part(array.get(i), path + "[" + i + "]"));
    }
    return parts;
  }

  /** The part of a JSON object made by {@link #part(Part)}. */
  public static Part part(JsonNode o, String path) {
    if (o == null || !o.isObject()) {
      throw new InvalidInputException(path, "must be a JSON object");
    }
    String type = text(o, "type", path).orElseThrow(() -> new InvalidInputException(path + ".type", "is required"));
    Map<String, String> rest = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = Json.fields(o); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      rest.put(field.getKey(), Json.write(field.getValue()));
    }
    rest.remove("type");
    return indexed(path, () -> switch (type) {
      case TextPart.TYPE -> new TextPart(required(o, "text", path), unknown(rest, "text"));
      case ReasoningPart.TYPE -> new ReasoningPart(required(o, "text", path), text(o, "signature", path),
          text(o, "encrypted", path), unknown(rest, "text", "signature", "encrypted"));
      case MediaPart.TYPE -> new MediaPart(required(o, "mimeType", path), text(o, "uri", path),
          text(o, "bytes", path).map(InlineBytes::fromBase64), text(o, "fileName", path),
          unknown(rest, "mimeType", "uri", "bytes", "fileName"));
      default -> new UnknownPart(type, rest);
    });
  }

  /**
   * Runs {@code read}, naming a field a part record refuses by the part's index: the records name their
   * own fields {@code part.mimeType} (they do not know where they are), and an unknown field
   * {@code part.unknownFields.x}, which in this JSON is the field {@code x} itself.
   */
  private static Part indexed(String path, Supplier<Part> read) {
    try {
      return read.get();
    } catch (InvalidInputException e) {
      if (e.field().startsWith(path)) {
        throw e; // named by this reader already
      }
      throw new InvalidInputException(path + inPart(e.field()), e.reason(), e);
    }
  }

  /** Where in a part's JSON a field a part record names lies: {@code ".mimeType"}, or "" for the part. */
  private static String inPart(String field) {
    if (field.startsWith(UNKNOWN_FIELDS + ".")) {
      return field.substring(UNKNOWN_FIELDS.length());
    }
    if (field.equals(UNKNOWN_FIELDS) || field.equals(PART)) {
      return "";
    }
    return field.startsWith(PART + ".") ? field.substring(PART.length()) : "." + field;
  }

  private static Map<String, String> unknown(Map<String, String> fields, String... own) {
    Map<String, String> unknown = new LinkedHashMap<>(fields);
    for (String name : own) {
      unknown.remove(name);
    }
    return unknown;
  }

  private static String required(JsonNode o, String field, String path) {
    return text(o, field, path).orElseThrow(() -> new InvalidInputException(path + "." + field, "is required"));
  }

  private static Optional<String> text(JsonNode o, String field, String path) {
    JsonNode value = o.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new InvalidInputException(path + "." + field, "must be a string");
    }
    return Optional.of(value.textValue());
  }
}
