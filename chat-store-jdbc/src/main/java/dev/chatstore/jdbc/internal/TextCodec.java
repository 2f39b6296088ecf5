package dev.chatstore.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatstore.CorruptDataException;
import dev.chatstore.spi.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How text and JSON go into and come out of the database's columns. On H2 everything is stored as
 * it is; on PostgreSQL every text value, and every string and key inside a JSON value, goes through
 * {@link PgText}'s escape. JSON is read back as a tree, so jsonb's own key order and spacing never
 * matter: callers re-canonicalize. Thread-safe.
 */
final class TextCodec {
  private final boolean escape;

  TextCodec(Dialect dialect) {
    this.escape = dialect == Dialect.POSTGRESQL;
  }

  /** The column value for {@code text}. */
  String text(String text) {
    return escape ? PgText.escape(text) : text;
  }

  /** The original of a text column value; {@code where} names the row for the error. */
  String fromText(String stored, String where) {
    if (stored == null) {
      throw new CorruptDataException(where, "a text column is NULL");
    }
    if (!escape) {
      return stored;
    }
    try {
      return PgText.unescape(stored);
    } catch (IllegalArgumentException e) {
      throw new CorruptDataException(where, e.getMessage(), e);
    }
  }

  /** The column value for canonical JSON text. */
  String json(String canonicalJson) {
    // NUL inside a JSON string is written as the escape sequence \u0000, which jsonb refuses too.
    if (!escape || (!canonicalJson.contains("\\u0000") && PgText.escape(canonicalJson).equals(canonicalJson))) {
      return canonicalJson; // nothing in it needs escaping: spare the tree walk
    }
    return write(map(Json.parse(canonicalJson, "json"), PgText::escape));
  }

  /** The column value for a JSON tree. */
  String json(JsonNode tree) {
    return escape ? write(map(tree, PgText::escape)) : write(tree);
  }

  /** The tree of a JSON column value, strings unescaped. */
  JsonNode tree(String stored, String where) {
    if (stored == null) {
      throw new CorruptDataException(where, "a JSON column is NULL");
    }
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(stored);
    } catch (JsonProcessingException e) {
      throw new CorruptDataException(where, "a JSON column does not parse: " + e.getOriginalMessage(), e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new CorruptDataException(where, "a JSON column is empty");
    }
    if (!escape) {
      return tree;
    }
    try {
      return map(tree, PgText::unescape);
    } catch (IllegalArgumentException e) {
      throw new CorruptDataException(where, "in JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The JSON text of a JSON column value, strings unescaped; not necessarily canonical (jsonb has its
   * own key order and spacing), so only for readers that parse it again: the metadata codecs and the
   * records, which canonicalize. Text without escapes (nearly all) is returned as it is, unparsed.
   */
  String jsonText(String stored, String where) {
    if (stored == null) {
      throw new CorruptDataException(where, "a JSON column is NULL");
    }
    if (!escape || !PgText.hasEscapes(stored)) {
      return stored;
    }
    return write(tree(stored, where));
  }

  private static JsonNode map(JsonNode node, UnaryOperator<String> f) {
    if (node.isTextual()) {
      return Json.MAPPER.getNodeFactory().textNode(f.apply(node.textValue()));
    }
    if (node.isObject()) {
      ObjectNode copy = Json.MAPPER.getNodeFactory().objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(f.apply(e.getKey()), map(e.getValue(), f));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = Json.MAPPER.getNodeFactory().arrayNode();
      for (JsonNode element : node) {
        copy.add(map(element, f));
      }
      return copy;
    }
    return node;
  }

  private static String write(JsonNode tree) {
    try {
      return Json.MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }
}
