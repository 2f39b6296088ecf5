package dev.chatstore.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatstore.InvalidInputException;
import dev.chatstore.internal.metadata.JsonPaths;
import dev.chatstore.metadata.JsonLimits;
import java.util.Iterator;
import java.util.Map;

/**
 * Enforces {@link JsonLimits} on JSON text or a parsed tree, naming the path (starting with the
 * field passed in) where a limit is crossed. Throws {@link InvalidInputException}.
 */
public final class JsonChecks {
  private JsonChecks() {}

  /** Checks size, depth and entry counts of {@code json}; returns it unchanged. */
  public static String check(String json, JsonLimits limits, String field) {
    checkChars(json, limits, field);
    check(Json.parse(json, field), limits, field);
    return json;
  }

  /** Checks the length of {@code json} alone, before it is parsed. */
  public static String checkChars(String json, JsonLimits limits, String field) {
    Checks.notNull(json, field);
    Checks.notNull(limits, "limits");
    if (json.length() > limits.maxChars()) {
      throw new InvalidInputException(field,
          "is " + json.length() + " characters of JSON, more than the limit of " + limits.maxChars());
    }
    return json;
  }

  /** Checks depth and entry counts of a parsed tree whose root is at {@code field}. */
  public static JsonNode check(JsonNode node, JsonLimits limits, String field) {
    Checks.notNull(node, field);
    Checks.notNull(limits, "limits");
    walk(node, limits, field, 1);
    return node;
  }

  // level is the nesting level node sits at if it is a container: the root container is level 1.
  private static void walk(JsonNode node, JsonLimits limits, String path, int level) {
    if (!node.isContainerNode()) {
      return;
    }
    if (level > limits.maxDepth()) {
      int deepest = level - 1 + Json.depth(node);
      throw new InvalidInputException(path,
          "nests " + deepest + " levels deep, more than the limit of " + limits.maxDepth());
    }
    if (node.size() > limits.maxEntries()) {
      throw new InvalidInputException(path,
          "holds " + node.size() + " entries, more than the limit of " + limits.maxEntries());
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isContainerNode()) {
          walk(e.getValue(), limits, JsonPaths.field(path, e.getKey()), level + 1);
        }
      }
    } else {
      for (int i = 0; i < node.size(); i++) {
        if (node.get(i).isContainerNode()) {
          walk(node.get(i), limits, JsonPaths.index(path, i), level + 1);
        }
      }
    }
  }
}
