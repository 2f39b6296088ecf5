package dev.chatstore.spi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatstore.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON parsing and the canonical form every JSON value is kept in: compact, object keys sorted,
 * numbers exact and in plain notation, duplicate keys refused. Canonical text compares equal however
 * a backend stored it (PostgreSQL's jsonb reorders keys), so values round-trip identically.
 */
public final class Json {
  /** The shared mapper: strict on input, exact with numbers. Thread-safe once configured. */
  public static final ObjectMapper MAPPER = mapperBuilder().build();

  /**
   * Most digits a number may have in plain notation: the parser's own limit on the length of a
   * number's text, so canonical form never makes a number longer than any accepted as written.
   */
  public static final int MAX_NUMBER_CHARS = StreamReadConstraints.DEFAULT_MAX_NUM_LEN;

  private Json() {}

  /** A builder with the shared mapper's settings, for a mapper that adds its own (host value types). */
  public static JsonMapper.Builder mapperBuilder() {
    return JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
  }

  /** Parses {@code json}, or throws {@link InvalidInputException} naming {@code field}. */
  public static JsonNode parse(String json, String field) {
    Checks.notNull(json, field);
    if (json.isBlank()) {
      throw new InvalidInputException(field, "must be a JSON value, was blank");
    }
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new InvalidInputException(field, "must be a JSON value");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(field, "is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * True unless {@code text} is not JSON at all (blank, a syntax error, trailing garbage): the test
   * for a model's broken tool arguments, which are kept as text rather than refused. Well-formed JSON
   * past the parser's limits counts as JSON here, so {@link #canonical} still refuses it.
   */
  public static boolean isWellFormed(String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    try {
      JsonNode node = MAPPER.readTree(text);
      return node != null && !node.isMissingNode();
    } catch (StreamConstraintsException e) {
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** The canonical text of {@code json}; throws {@link InvalidInputException} if malformed. */
  public static String canonical(String json, String field) {
    JsonNode node = parse(json, field);
    // Numbers written without an exponent are no longer in plain notation than as given; exponents
    // may add at most EXPONENT_GROWTH digits to the whole document, so its canonical text stays about
    // the size of its input (an 8 MB document of "1e999," would otherwise become gigabytes).
    long digits = plainDigits(node, field);
    if (digits > json.length() + EXPONENT_GROWTH) {
      throw new InvalidInputException(field, "holds numbers that are " + digits
          + " digits in plain notation, more than the " + json.length() + " characters given allow (+"
          + EXPONENT_GROWTH + ")");
    }
    return Checks.wellFormed(write(node, field), field);
  }

  /** Extra digits exponent notation may add to a whole document in canonical form. */
  public static final int EXPONENT_GROWTH = 4096;

  /**
   * The canonical text of a parsed tree, or {@link InvalidInputException} naming {@code field} when
   * it has no canonical form: a number longer than {@link #MAX_NUMBER_CHARS} in plain notation.
   */
  public static String write(JsonNode node, String field) {
    checkNumbers(node, field);
    try {
      return MAPPER.writeValueAsString(sorted(node));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(field, "has no canonical JSON form: " + e.getOriginalMessage(), e);
    }
  }

  // 1e999999 is 8 characters of input but a million digits in plain notation: refuse it rather than
  // let a small document grow without bound when written canonically.
  private static void checkNumbers(JsonNode node, String field) {
    plainDigits(node, field);
  }

  /** Total digits of the tree's decimal numbers in plain notation; refuses any over the per-number cap. */
  private static long plainDigits(JsonNode node, String field) {
    if (node.isBigDecimal()) {
      BigDecimal value = node.decimalValue();
      long digits = value.scale() <= 0 ? (long) value.precision() - value.scale()
          : Math.max(value.precision(), value.scale() + 1L);
      if (digits > MAX_NUMBER_CHARS) {
        throw new InvalidInputException(field, "holds the number " + value + ", which is " + digits
            + " digits in plain notation, more than the limit of " + MAX_NUMBER_CHARS);
      }
      return digits;
    }
    long total = 0;
    if (node.isContainerNode()) {
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        total += plainDigits(it.next(), field);
      }
    }
    return total;
  }

  /** The canonical text of a tree. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(sorted(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  /** A copy of {@code node} with every object's keys in ascending order. */
  public static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      ObjectNode copy = MAPPER.getNodeFactory().objectNode();
      for (String name : names) {
        copy.set(name, sorted(node.get(name)));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = MAPPER.getNodeFactory().arrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        copy.add(sorted(it.next()));
      }
      return copy;
    }
    return node;
  }

  /** Nesting depth of a tree: a scalar is 0, {@code []} is 1. */
  public static int depth(JsonNode node) {
    int deepest = 0;
    if (node.isContainerNode()) {
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        deepest = Math.max(deepest, depth(it.next()));
      }
      return deepest + 1;
    }
    return 0;
  }

  /** Iterates an object's fields in their stored order. */
  public static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    return node.fields();
  }

}
