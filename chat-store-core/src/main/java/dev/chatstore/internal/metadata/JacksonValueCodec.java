package dev.chatstore.internal.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatstore.InvalidInputException;
import dev.chatstore.internal.Checks;
import dev.chatstore.internal.Json;

/** Maps a host's record or bean type to canonical JSON and back with Jackson; errors name the field. */
public final class JacksonValueCodec<T> {
  // Lenient on unknown properties: a stored value written by a newer host version still decodes.
  private static final ObjectMapper MAPPER = Json.MAPPER.copy()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Class<T> type;
  private final String field;

  public JacksonValueCodec(Class<T> type, String field) {
    this.type = Checks.notNull(type, "type");
    this.field = field;
  }

  public String encode(T value) {
    Checks.notNull(value, field);
    try {
      return Json.write(MAPPER.valueToTree(value), field);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field, "cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  public T decode(String json) {
    try {
      return MAPPER.treeToValue(Json.parse(json, field), type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidInputException(field, "does not decode to " + type.getSimpleName() + ": "
          + e.getMessage(), e);
    }
  }
}
