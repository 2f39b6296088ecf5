package dev.chatstore.internal.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatstore.InvalidInputException;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Json;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Reads typed fields out of one JSON object of a metadata document. Every refusal is an
 * {@link InvalidInputException} naming the field's path and what was expected. A field that is
 * absent or {@code null} reads as absent (or empty), so writers that spell "none" as {@code null}
 * are understood. Not thread-safe; one per object read.
 */
public final class MetadataReader {
  private final ObjectNode object;
  private final String path;

  public MetadataReader(ObjectNode object, String path) {
    this.object = object;
    this.path = path;
  }

  /** The path of one of this object's fields. */
  public String pathOf(String name) {
    return JsonPaths.field(path, name);
  }

  /** The field's value, empty when absent or {@code null}. */
  public Optional<JsonNode> node(String name) {
    JsonNode value = object.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  public Optional<String> string(String name) {
    return node(name).map(v -> text(v, pathOf(name)));
  }

  public String requiredString(String name) {
    return string(name).orElseThrow(() -> required(name));
  }

  /** A whole number, however large; fractions and exponents are refused. */
  public Optional<BigInteger> integer(String name) {
    return node(name).map(v -> integer(v, pathOf(name)));
  }

  public long requiredLong(String name) {
    BigInteger value = integer(name).orElseThrow(() -> required(name));
    if (value.bitLength() >= Long.SIZE) {
      throw new InvalidInputException(pathOf(name), "must be at most " + Long.MAX_VALUE + ", was " + value);
    }
    return value.longValue();
  }

  /** The {@code schemaVersion}: required, a whole number from 1 to {@link Integer#MAX_VALUE}. */
  public int schemaVersion(String name) {
    BigInteger value = integer(name).orElseThrow(() -> required(name));
    if (value.signum() < 1) {
      throw new InvalidInputException(pathOf(name), "must be at least 1, was " + value);
    }
    if (value.bitLength() >= Integer.SIZE) {
      throw new InvalidInputException(pathOf(name), "must be at most " + Integer.MAX_VALUE + ", was " + value);
    }
    return value.intValue();
  }

  /** A nested object, empty when absent. */
  public Optional<MetadataReader> object(String name) {
    return node(name).map(v -> object(v, pathOf(name)));
  }

  /** An array of strings; empty when absent. */
  public List<String> strings(String name) {
    List<String> values = new ArrayList<>();
    array(name, (element, elementPath) -> values.add(text(element, elementPath)));
    return Collections.unmodifiableList(values);
  }

  /** An array of objects; empty when absent. */
  public List<MetadataReader> objects(String name) {
    List<MetadataReader> values = new ArrayList<>();
    array(name, (element, elementPath) -> values.add(object(element, elementPath)));
    return Collections.unmodifiableList(values);
  }

  /** An object whose values are all strings; empty when absent. */
  public Map<String, String> stringMap(String name) {
    Map<String, String> values = new TreeMap<>();
    node(name).map(v -> object(v, pathOf(name))).ifPresent(map ->
        map.object.fields().forEachRemaining(e ->
            values.put(e.getKey(), text(e.getValue(), map.pathOf(e.getKey())))));
    return Collections.unmodifiableMap(values);
  }

  /** An object whose values are any JSON, each kept as canonical text; empty when absent. */
  public Map<String, String> jsonMap(String name) {
    Map<String, String> values = new TreeMap<>();
    node(name).map(v -> object(v, pathOf(name))).ifPresent(map ->
        map.object.fields().forEachRemaining(e ->
            values.put(e.getKey(), Json.write(e.getValue(), map.pathOf(e.getKey())))));
    return Collections.unmodifiableMap(values);
  }

  /** Every field not named in {@code known}, as canonical text, so it can be written back as it was. */
  public Map<String, String> unknownFields(Set<String> known) {
    Map<String, String> values = new TreeMap<>();
    object.fields().forEachRemaining(e -> {
      if (!known.contains(e.getKey())) {
        values.put(e.getKey(), Json.write(e.getValue(), pathOf(e.getKey())));
      }
    });
    return Collections.unmodifiableMap(values);
  }

  /**
   * Runs a constructor whose own checks name fields relative to this object (such as {@code id}),
   * so its refusal names the full path ({@code metadata.references[2].id}).
   */
  public <T> T construct(Supplier<T> constructor) {
    return Checks.under(path, constructor);
  }

  private InvalidInputException required(String name) {
    return new InvalidInputException(pathOf(name), "required");
  }

  private interface ElementReader {
    void read(JsonNode element, String elementPath);
  }

  private void array(String name, ElementReader reader) {
    Optional<JsonNode> value = node(name);
    if (value.isEmpty()) {
      return;
    }
    String arrayPath = pathOf(name);
    if (!value.get().isArray()) {
      throw wrongType(arrayPath, "an array", value.get());
    }
    for (int i = 0; i < value.get().size(); i++) {
      reader.read(value.get().get(i), JsonPaths.index(arrayPath, i));
    }
  }

  private static String text(JsonNode value, String path) {
    if (!value.isTextual()) {
      throw wrongType(path, "a string", value);
    }
    return value.textValue();
  }

  private static BigInteger integer(JsonNode value, String path) {
    if (!value.isIntegralNumber()) {
      throw wrongType(path, "a whole number", value);
    }
    return value.bigIntegerValue();
  }

  private static MetadataReader object(JsonNode value, String path) {
    if (!value.isObject()) {
      throw wrongType(path, "an object", value);
    }
    return new MetadataReader((ObjectNode) value, path);
  }

  private static InvalidInputException wrongType(String path, String expected, JsonNode actual) {
    return new InvalidInputException(path, "must be " + expected + ", was " + describe(actual));
  }

  /** What a value is, for messages: "an array", "a string", "the number 1.5". */
  static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case BOOLEAN -> String.valueOf(node.booleanValue());
      case NULL -> "null";
      case NUMBER -> "the number " + node.asText();
      default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }
}
