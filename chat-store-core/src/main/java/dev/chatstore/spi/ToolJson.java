package dev.chatstore.spi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatstore.InvalidInputException;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of tool calls and tool results, wherever they are stored or exported: the one home of
 * that shape. A call is {@code {"arguments": <json>, "id": "...", "name": "..."}} and a result
 * {@code {"callId": "...", "error": false, "output": <json>, "toolName": "..."}}; arguments and output
 * are embedded as JSON values, not strings, so a JSON column can query them. Reading also takes
 * {@code "toolName"} for a call's name, as the file store wrote it before this codec. Stateless.
 *
 * <p>Reading throws {@link InvalidInputException} naming the field (under {@code path}); a backend
 * reading its own storage turns that into a {@code CorruptDataException} naming the row or file.
 */
public final class ToolJson {
  private ToolJson() {}

  /** The calls as a JSON array. */
  public static ArrayNode calls(List<ToolCall> calls) {
    Checks.notNull(calls, "calls");
    ArrayNode array = Json.MAPPER.getNodeFactory().arrayNode();
    for (ToolCall call : calls) {
      ObjectNode o = array.addObject();
      o.set("arguments", Json.parse(call.argumentsJson(), "toolCall.argumentsJson"));
      o.put("id", call.id());
      o.put("name", call.toolName());
    }
    return array;
  }

  /** The result as a JSON object. */
  public static ObjectNode result(ToolResult result) {
    Checks.notNull(result, "result");
    ObjectNode o = Json.MAPPER.getNodeFactory().objectNode();
    o.put("callId", result.callId());
    o.put("error", result.error());
    o.set("output", Json.parse(result.outputJson(), "toolResult.outputJson"));
    o.put("toolName", result.toolName());
    return o;
  }

  /** Writes the calls as the array {@link #calls(List)} makes, without building a tree. */
  public static void writeCalls(List<ToolCall> calls, JsonGenerator g) throws IOException {
    g.writeStartArray();
    for (ToolCall call : calls) {
      g.writeStartObject();
      g.writeFieldName("arguments");
      g.writeRawValue(call.argumentsJson()); // canonical JSON already: the record made it so
      g.writeStringField("id", call.id());
      g.writeStringField("name", call.toolName());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Writes the result as the object {@link #result(ToolResult)} makes, without building a tree. */
  public static void writeResult(ToolResult result, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("callId", result.callId());
    g.writeBooleanField("error", result.error());
    g.writeFieldName("output");
    g.writeRawValue(result.outputJson());
    g.writeStringField("toolName", result.toolName());
    g.writeEndObject();
  }

  /** The calls of a JSON array made by {@link #calls(List)}; field names in errors start with {@code path}. */
  public static List<ToolCall> calls(JsonNode array, String path) {
    Checks.notNull(array, path);
    if (!array.isArray()) {
      throw new InvalidInputException(path, "must be a JSON array of tool calls");
    }
    List<ToolCall> calls = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode o = array.get(i);
      String at = path + "[" + i + "]";
      String name = o.has("name") || !o.has("toolName") ? text(o, "name", at) : text(o, "toolName", at);
      calls.add(Checks.under(at, () -> new ToolCall(text(o, "id", at), name, Json.write(node(o, "arguments", at)))));
    }
    return calls;
  }

  /** The result of a JSON object made by {@link #result(ToolResult)}; errors name fields under {@code path}. */
  public static ToolResult result(JsonNode o, String path) {
    Checks.notNull(o, path);
    JsonNode error = node(o, "error", path);
    if (!error.isBoolean()) {
      throw new InvalidInputException(path + ".error", "must be true or false");
    }
    return Checks.under(path, () -> new ToolResult(text(o, "callId", path), text(o, "toolName", path),
        Json.write(node(o, "output", path)), error.booleanValue()));
  }

  private static String text(JsonNode o, String field, String path) {
    JsonNode value = node(o, field, path);
    if (!value.isTextual()) {
      throw new InvalidInputException(path + "." + field, "must be a string");
    }
    return value.textValue();
  }

  private static JsonNode node(JsonNode o, String field, String path) {
    if (!o.isObject()) {
      throw new InvalidInputException(path, "must be a JSON object");
    }
    JsonNode value = o.get(field);
    if (value == null) {
      throw new InvalidInputException(path + "." + field, "is required");
    }
    return value;
  }
}
