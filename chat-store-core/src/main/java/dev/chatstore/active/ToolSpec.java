package dev.chatstore.active;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatstore.InvalidInputException;
import dev.chatstore.ToolCall;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Json;
import dev.chatstore.spi.JsonChecks;
import dev.chatstore.metadata.JsonLimits;

/**
 * A tool attached to an open chat, as a model is told about it: its name, what it does, and the
 * JSON Schema of its arguments (kept in canonical JSON form).
 *
 * @throws InvalidInputException from the constructor for a blank or over-long name, a description
 *     over {@value #MAX_DESCRIPTION_LENGTH} chars, or a schema that is not a JSON object or boolean
 */
public record ToolSpec(String name, String description, String schemaJson) {
  /** Longest description accepted. */
  public static final int MAX_DESCRIPTION_LENGTH = 16 * 1024;

  public ToolSpec {
    Checks.ownerId(name, "tool.name");
    Checks.maxLength(name, "tool.name", ToolCall.MAX_NAME_LENGTH);
    Checks.maxLength(description, "tool.description", MAX_DESCRIPTION_LENGTH);
    JsonLimits limits = JsonLimits.documentDefaults();
    JsonChecks.checkChars(schemaJson, limits, "tool.schemaJson");
    JsonNode schema = JsonChecks.check(Json.parse(schemaJson, "tool.schemaJson"), limits, "tool.schemaJson");
    if (!schema.isObject() && !schema.isBoolean()) { // JSON Schema allows true/false as schemas
      throw new InvalidInputException("tool.schemaJson", "must be a JSON Schema: an object or a boolean, was "
          + schema.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    schemaJson = Json.write(schema);
  }

  /** A tool taking no arguments. */
  public static ToolSpec withoutArguments(String name, String description) {
    return new ToolSpec(name, description, "{\"properties\":{},\"type\":\"object\"}");
  }
}
