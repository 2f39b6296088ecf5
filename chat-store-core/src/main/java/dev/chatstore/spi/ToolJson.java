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
 * that shape. A call is {@code {"arguments": <json>, "id": "...", "name": "..."}}; a call whose
 * arguments the model sent malformed keeps them as a JSON string and adds {@code "malformed": true}.
 * A result is {@code {"callId": "...", "error": false, "output": <json>, "toolName": "..."}}, or with
 * {@code "outputText": "..."} in place of {@code output} for a text output. JSON arguments and
 * outputs are embedded as JSON values, not strings, so a JSON column can query them. A message's
 * results are one such object when it carries one (the shape of the first release) and an array of
 * them when it carries several. Reading also takes {@code "toolName"} for a call's name, as the file
 * store wrote it before this codec. Stateless.
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
      if (call.malformed()) {
        o.put("arguments", call.argumentsJson());
      } else {
        o.set("arguments", Json.parse(call.argumentsJson(), "toolCall.argumentsJson"));
      }
      o.put("id", call.id());
      if (call.malformed()) {
        o.put("malformed", true);
      }
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
    if (result.format() == ToolResult.OutputFormat.JSON) {
      o.set("output", Json.parse(result.output(), "toolResult.output"));
    } else {
      o.put("outputText", result.output());
    }
    o.put("toolName", result.toolName());
    return o;
  }

  /** A message's results: the one result's object, or an array of several (none: an empty array). */
  public static JsonNode results(List<ToolResult> results) {
    Checks.notNull(results, "results");
    if (results.size() == 1) {
      return result(results.get(0));
    }
    ArrayNode array = Json.MAPPER.getNodeFactory().arrayNode();
    results.forEach(r -> array.add(result(r)));
    return array;
  }

  /** Writes the calls as the array {@link #calls(List)} makes, without building a tree. */
  public static void writeCalls(List<ToolCall> calls, JsonGenerator g) throws IOException {
    g.writeStartArray();
    for (ToolCall call : calls) {
      g.writeStartObject();
      if (call.malformed()) {
        g.writeStringField("arguments", call.argumentsJson());
        g.writeStringField("id", call.id());
        g.writeBooleanField("malformed", true);
      } else {
        g.writeFieldName("arguments");
        g.writeRawValue(call.argumentsJson()); // canonical JSON already: the record made it so
        g.writeStringField("id", call.id());
      }
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
    if (result.format() == ToolResult.OutputFormat.JSON) {
      g.writeFieldName("output");
      g.writeRawValue(result.output()); // canonical JSON already: the record made it so
    } else {
      g.writeStringField("outputText", result.output());
    }
    g.writeStringField("toolName", result.toolName());
    g.writeEndObject();
  }

  /** Writes the results as {@link #results(List)} makes them, without building a tree. */
  public static void writeResults(List<ToolResult> results, JsonGenerator g) throws IOException {
    if (results.size() == 1) {
      writeResult(results.get(0), g);
      return;
    }
    g.writeStartArray();
    for (ToolResult r : results) {
      writeResult(r, g);
    }
    g.writeEndArray();
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
      JsonNode malformed = o.get("malformed");
      if (malformed != null && !malformed.isBoolean()) {
        throw new InvalidInputException(at + ".malformed", "must be true or false");
      }
      if (malformed != null && malformed.booleanValue()) {
        String arguments = text(o, "arguments", at);
        calls.add(Checks.under(at, () -> new ToolCall(text(o, "id", at), name, arguments, true)));
      } else {
        String arguments = Json.write(node(o, "arguments", at));
        calls.add(Checks.under(at, () -> new ToolCall(text(o, "id", at), name, arguments, false)));
      }
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
    boolean isText = o.isObject() && o.has("outputText");
    if (isText && o.has("output")) {
      throw new InvalidInputException(path, "has both output and outputText");
    }
    String output = isText ? text(o, "outputText", path) : Json.write(node(o, "output", path));
    ToolResult.OutputFormat format = isText ? ToolResult.OutputFormat.TEXT : ToolResult.OutputFormat.JSON;
    return Checks.under(path, () -> new ToolResult(text(o, "callId", path), text(o, "toolName", path), output,
        format, error.booleanValue()));
  }

  /** The results of what {@link #results(List)} made: one object, or an array of them. */
  public static List<ToolResult> results(JsonNode node, String path) {
    Checks.notNull(node, path);
    if (node.isObject()) {
      return List.of(result(node, path));
    }
    if (!node.isArray()) {
      throw new InvalidInputException(path, "must be a tool result object or an array of them");
    }
    List<ToolResult> results = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      results.add(result(node.get(i), path + "[" + i + "]"));
    }
    return results;
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
