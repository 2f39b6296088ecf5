package dev.chatstore.internal.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatstore.InvalidInputException;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Json;
import dev.chatstore.spi.JsonChecks;
import dev.chatstore.metadata.JsonLimits;
import java.util.Map;
import java.util.Set;

/**
 * The envelope both metadata codecs share: a JSON object at path {@code metadata} with a
 * {@code schemaVersion}, known fields, and unknown top-level fields kept verbatim. Applies the
 * {@link JsonLimits} to the whole document and writes it in canonical form. Stateless.
 */
public final class MetadataDocument {
  /** The path every metadata error starts with. */
  public static final String ROOT = "metadata";
  public static final String SCHEMA_VERSION = "schemaVersion";
  private static final String UNKNOWN_FIELDS = ROOT + ".unknownFields";

  private MetadataDocument() {}

  /**
   * The canonical text of {@code known} with {@code unknownFields} added at the top level, checked
   * against {@code limits}. An unknown field named like a known one is refused: it would overwrite
   * (or be overwritten by) the typed value.
   */
  public static String encode(ObjectNode known, Map<String, String> unknownFields, Set<String> knownNames,
      JsonLimits limits) {
    unknownFields.forEach((name, json) -> {
      if (knownNames.contains(name)) {
        throw new InvalidInputException(JsonPaths.field(UNKNOWN_FIELDS, name),
            "is a field this schema knows; set it through its own accessor, not as an unknown field");
      }
      known.set(name, Json.parse(json, JsonPaths.field(UNKNOWN_FIELDS, name)));
    });
    JsonChecks.check(known, limits, ROOT);
    String text = Json.write(known, ROOT);
    JsonChecks.checkChars(text, limits, ROOT);
    return text;
  }

  /** Parses and checks {@code json}: within the limits and a JSON object. */
  public static MetadataReader decode(String json, JsonLimits limits) {
    Checks.notNull(json, ROOT);
    JsonChecks.checkChars(json, limits, ROOT);
    JsonNode node = Json.parse(json, ROOT);
    if (!node.isObject()) {
      throw new InvalidInputException(ROOT, "must be a JSON object, was " + MetadataReader.describe(node));
    }
    JsonChecks.check(node, limits, ROOT);
    return new MetadataReader((ObjectNode) node, ROOT);
  }
}
