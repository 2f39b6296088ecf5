package dev.chatstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatstore.InvalidInputException;
import dev.chatstore.metadata.JsonLimits;
import java.util.Iterator;
import java.util.Map;

/** Enforces {@link JsonLimits} on JSON text, naming the field path where a limit is crossed. */
public final class JsonChecks {
  private JsonChecks() {}

  /** Checks size, depth and entry counts of {@code json}; returns it unchanged. */
  public static String check(String json, JsonLimits limits, String field) {
    Checks.notNull(json, field);
    if (json.length() > limits.maxChars()) {
      throw new InvalidInputException(field,
          "is " + json.length() + " characters of JSON, more than the limit of " + limits.maxChars());
    }
    walk(Json.parse(json, field), limits, field, 0);
    return json;
  }

  private static void walk(JsonNode node, JsonLimits limits, String path, int depth) {
    if (!node.isContainerNode()) {
      return;
    }
    if (depth + 1 > limits.maxDepth()) {
      throw new InvalidInputException(path, "nests deeper than the limit of " + limits.maxDepth());
    }
    if (node.size() > limits.maxEntries()) {
      throw new InvalidInputException(path,
          "holds " + node.size() + " entries, more than the limit of " + limits.maxEntries());
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        walk(e.getValue(), limits, path + "." + e.getKey(), depth + 1);
      }
    } else {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), limits, path + "[" + i + "]", depth + 1);
      }
    }
  }
}
