package dev.chatstore.jdbc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.spi.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON documents of the tool columns: {@code tool_calls} is an array of
 * {@code {"arguments": <json>, "id": ..., "name": ...}} and {@code tool_result} an object
 * {@code {"callId": ..., "error": bool, "output": <json>, "toolName": ...}}. Arguments and output are
 * embedded as JSON (not as strings), so they are queryable in jsonb. Stateless.
 */
public final class ToolJson {
  private ToolJson() {}

  public static JsonNode calls(List<ToolCall> calls) {
    ArrayNode array = Json.MAPPER.getNodeFactory().arrayNode();
    for (ToolCall call : calls) {
      ObjectNode o = array.addObject();
      o.set("arguments", Json.parse(call.argumentsJson(), "toolCall.argumentsJson"));
      o.put("id", call.id());
      o.put("name", call.toolName());
    }
    return array;
  }

  public static JsonNode result(ToolResult result) {
    ObjectNode o = Json.MAPPER.getNodeFactory().objectNode();
    o.put("callId", result.callId());
    o.put("error", result.error());
    o.set("output", Json.parse(result.outputJson(), "toolResult.outputJson"));
    o.put("toolName", result.toolName());
    return o;
  }

  /**
   * The calls of a {@code tool_calls} tree.
   *
   * @throws IllegalArgumentException (or the records' InvalidInputException) if the tree is not one
   */
  public static List<ToolCall> calls(JsonNode array) {
    if (!array.isArray()) {
      throw new IllegalArgumentException("tool_calls is not a JSON array");
    }
    List<ToolCall> calls = new ArrayList<>(array.size());
    for (JsonNode o : array) {
      calls.add(new ToolCall(text(o, "id"), text(o, "name"), Json.write(node(o, "arguments"))));
    }
    return calls;
  }

  /** The result of a {@code tool_result} tree; throws as {@link #calls(JsonNode)}. */
  public static ToolResult result(JsonNode o) {
    JsonNode error = node(o, "error");
    if (!error.isBoolean()) {
      throw new IllegalArgumentException("tool_result.error is not a boolean");
    }
    return new ToolResult(text(o, "callId"), text(o, "toolName"), Json.write(node(o, "output")), error.booleanValue());
  }

  private static String text(JsonNode o, String field) {
    JsonNode value = node(o, field);
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + " is not a string");
    }
    return value.textValue();
  }

  private static JsonNode node(JsonNode o, String field) {
    JsonNode value = o.isObject() ? o.get(field) : null;
    if (value == null) {
      throw new IllegalArgumentException("a tool document lacks " + field);
    }
    return value;
  }
}
