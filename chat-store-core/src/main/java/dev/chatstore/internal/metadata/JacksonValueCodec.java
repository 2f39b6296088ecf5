package dev.chatstore.internal.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.chatstore.InvalidInputException;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Json;

/**
 * Maps a host's record or bean type to canonical JSON and back with Jackson; errors name the field.
 * Thread-safe. Throws {@link InvalidInputException} when a value cannot be written or stored JSON
 * does not fit the type.
 *
 * <p>Reading is strict about what is there and lenient about what is extra: a field the type does
 * not have is ignored (a newer host version may have added it), but a missing record component, a
 * {@code null} for a primitive, a fraction for an integer, or a number or boolean where text is
 * expected is a mismatch, never a silent {@code null}, zero or conversion. A host reading a value
 * that no longer fits then learns so (and {@code ToolOutputs} keeps it raw) instead of getting
 * wrong data.
 */
public final class JacksonValueCodec<T> {
  private static final ObjectMapper MAPPER = Json.mapperBuilder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .withCoercionConfig(LogicalType.Textual, text -> text
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
      .build();

  private final Class<T> type;
  private final String field;

  public JacksonValueCodec(Class<T> type, String field) {
    this.type = Checks.notNull(type, "type");
    this.field = Checks.notNull(field, "field");
  }

  public String encode(T value) {
    Checks.notNull(value, field);
    try {
      return Json.write(MAPPER.valueToTree(value), field);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field, "cannot be written as JSON: " + describe(e), e);
    }
  }

  public T decode(String json) {
    try {
      T value = MAPPER.treeToValue(Json.parse(json, field), type);
      if (value == null) {
        throw new InvalidInputException(field, "does not decode to " + type.getSimpleName() + ": the JSON is null");
      }
      return value;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidInputException(field, "does not decode to " + type.getSimpleName() + ": "
          + describe(e), e);
    }
  }

  // Jackson's own message carries source locations and class names; keep its first line and say where.
  private static String describe(Exception e) {
    Throwable cause = e instanceof IllegalArgumentException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof JsonMappingException mapping) {
      StringBuilder where = new StringBuilder();
      for (JsonMappingException.Reference ref : mapping.getPath()) {
        if (ref.getFieldName() != null) {
          where.append('.').append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          where.append('[').append(ref.getIndex()).append(']');
        }
      }
      String message = mapping.getOriginalMessage();
      return where.length() == 0 ? message : "at " + where.substring(where.charAt(0) == '.' ? 1 : 0) + ": "
          + message;
    }
    if (cause instanceof JsonProcessingException processing) {
      return processing.getOriginalMessage();
    }
    return String.valueOf(cause.getMessage());
  }
}
