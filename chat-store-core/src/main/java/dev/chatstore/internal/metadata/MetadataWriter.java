package dev.chatstore.internal.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatstore.spi.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the JSON object of a metadata document from a record's values. Absent optionals and empty
 * lists and maps are left out, so the smallest metadata is {@code {"schemaVersion":1}}. Not
 * thread-safe; one per document written.
 */
public final class MetadataWriter {
  private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();
  private final ObjectNode object = NODES.objectNode();
  private final String path;

  public MetadataWriter(String path) {
    this.path = path;
  }

  /** Makes the nodes of nested values (a reference, usage). */
  public static JsonNodeFactory factory() {
    return NODES;
  }

  public MetadataWriter number(String name, long value) {
    object.put(name, value);
    return this;
  }

  public MetadataWriter node(String name, Optional<? extends JsonNode> value) {
    value.ifPresent(v -> object.set(name, v));
    return this;
  }

  public MetadataWriter string(String name, Optional<String> value) {
    value.ifPresent(v -> object.put(name, v));
    return this;
  }

  public MetadataWriter strings(String name, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = object.putArray(name);
      values.forEach(array::add);
    }
    return this;
  }

  public MetadataWriter nodes(String name, List<? extends JsonNode> values) {
    if (!values.isEmpty()) {
      object.putArray(name).addAll(values);
    }
    return this;
  }

  public MetadataWriter stringMap(String name, Map<String, String> values) {
    if (!values.isEmpty()) {
      ObjectNode map = object.putObject(name);
      values.forEach(map::put);
    }
    return this;
  }

  /** An object of JSON values held as text (extensions, execution state). */
  public MetadataWriter jsonMap(String name, Map<String, String> values) {
    if (!values.isEmpty()) {
      ObjectNode map = object.putObject(name);
      String mapPath = JsonPaths.field(path, name);
      values.forEach((key, json) -> map.set(key, Json.parse(json, JsonPaths.field(mapPath, key))));
    }
    return this;
  }

  public ObjectNode object() {
    return object;
  }
}
