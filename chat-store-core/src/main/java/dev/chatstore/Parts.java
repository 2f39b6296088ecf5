package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Shared checks of the part types; package-private so the API shows only the parts themselves. */
final class Parts {
  static final int MAX_MIME_TYPE_LENGTH = 256;
  static final int MAX_TYPE_LENGTH = 64;
  static final Set<String> KNOWN_TYPES = Set.of(TextPart.TYPE, ReasoningPart.TYPE, MediaPart.TYPE);

  private Parts() {}

  /**
   * {@code fields} as canonical JSON values, refusing a name the part's own fields use (they would be
   * written twice).
   */
  static Map<String, String> unknownFields(Map<String, String> fields, Set<String> ownFields) {
    Map<String, String> checked = Checks.map(fields, "part.unknownFields");
    if (checked.isEmpty()) {
      return Map.of();
    }
    Map<String, String> canonical = new LinkedHashMap<>();
    checked.forEach((name, json) -> {
      if (name.equals("type") || ownFields.contains(name)) {
        throw new InvalidInputException("part.unknownFields", "'" + name + "' is a field of the part itself");
      }
      canonical.put(name, Json.canonical(json, "part.unknownFields." + name));
    });
    return Collections.unmodifiableMap(canonical);
  }
}
