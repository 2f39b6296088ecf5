package dev.chatstore;

import dev.chatstore.spi.Checks;
import java.util.Map;
import java.util.Set;

/**
 * A part of a type this version does not know, written by a newer one: its type and its other fields
 * (name → canonical JSON), written back unchanged. Not part of {@link Message#content()}.
 */
public record UnknownPart(String type, Map<String, String> unknownFields) implements Part {
  public UnknownPart {
    Checks.notBlank(type, "part.type", Parts.MAX_TYPE_LENGTH);
    if (Parts.KNOWN_TYPES.contains(type)) {
      throw new InvalidInputException("part.type", "'" + type + "' is a known part type, not an unknown one");
    }
    unknownFields = Parts.unknownFields(unknownFields, Set.of());
  }
}
