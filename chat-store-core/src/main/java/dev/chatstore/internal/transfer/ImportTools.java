package dev.chatstore.internal.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatstore.InvalidInputException;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.spi.Json;
import dev.chatstore.spi.ToolJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an export's tool calls and results. The shapes are {@link ToolJson}'s; what this adds is the
 * format's leniency (a hand-written file may leave out a call's arguments, a result's output or its
 * error flag) and its versions: version 1 knew one result per message as {@code toolResult}, and
 * neither malformed calls nor text outputs, so those fields are ignored in a version 1 file as a
 * version 1 reader ignored them. Stateless.
 */
final class ImportTools {
  private ImportTools() {}

  /** The calls of a message's {@code toolCalls} array. */
  static List<ToolCall> calls(JsonNode calls, String path, int version) {
    if (!calls.isArray()) {
      throw new InvalidInputException(path, "must be an array");
    }
    ArrayNode filled = Json.MAPPER.getNodeFactory().arrayNode();
    for (JsonNode call : calls) {
      if (call.isObject()) {
        ObjectNode copy = ((ObjectNode) call).deepCopy();
        if (ImportNodes.absent(copy, Fields.ARGUMENTS)) {
          copy.putObject(Fields.ARGUMENTS);
        }
        if (version < 2) {
          copy.remove(Fields.MALFORMED);
        }
        filled.add(copy);
      } else {
        filled.add(call); // ToolJson names it as not an object
      }
    }
    return ToolJson.calls(filled, path);
  }

  /**
   * The results of a message: its {@code toolResults} array (version 2), or its one {@code toolResult}
   * object (as version 1 wrote it, and still read in version 2); none if it has neither.
   */
  static List<ToolResult> results(JsonNode message, String path, int version) {
    boolean one = !ImportNodes.absent(message, Fields.TOOL_RESULT);
    boolean several = version >= 2 && !ImportNodes.absent(message, Fields.TOOL_RESULTS);
    if (one && several) {
      throw new InvalidInputException(path + "." + Fields.TOOL_RESULTS, "is given beside toolResult: give one of them");
    }
    if (one) {
      return List.of(result(message.get(Fields.TOOL_RESULT), path + "." + Fields.TOOL_RESULT, version));
    }
    if (!several) {
      return List.of();
    }
    JsonNode array = message.get(Fields.TOOL_RESULTS);
    String at = path + "." + Fields.TOOL_RESULTS;
    if (!array.isArray()) {
      throw new InvalidInputException(at, "must be an array");
    }
    List<ToolResult> results = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      results.add(result(array.get(i), at + "[" + i + "]", version));
    }
    return results;
  }

  private static ToolResult result(JsonNode node, String path, int version) {
    if (!node.isObject()) {
      throw new InvalidInputException(path, "must be a JSON object");
    }
    ObjectNode copy = ((ObjectNode) node).deepCopy();
    if (version < 2) {
      copy.remove(Fields.OUTPUT_TEXT);
    }
    if (ImportNodes.absent(copy, Fields.ERROR)) {
      copy.put(Fields.ERROR, false);
    }
    if (!copy.has(Fields.OUTPUT) && !copy.has(Fields.OUTPUT_TEXT)) {
      copy.putNull(Fields.OUTPUT);
    }
    return ToolJson.result(copy, path);
  }
}
