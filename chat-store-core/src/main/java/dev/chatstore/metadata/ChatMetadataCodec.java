package dev.chatstore.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatstore.spi.Checks;
import dev.chatstore.internal.metadata.MetadataDocument;
import dev.chatstore.internal.metadata.MetadataReader;
import dev.chatstore.internal.metadata.MetadataWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Encodes {@link ChatMetadata} as a JSON object and decodes it back, enforcing {@link JsonLimits}.
 * Thread-safe; throws {@link dev.chatstore.InvalidInputException} naming the field path
 * ({@code metadata.references[2].id}) and the limit or problem.
 *
 * <p>The stored format, written in canonical JSON (compact, keys sorted):
 * <pre>{@code
 * {
 *   "schemaVersion": 1,                          // required, a whole number >= 1
 *   "connectedProjects": ["p-1", "p-2"],         // array of strings, in order
 *   "references": [{"type": "ticket", "id": "T-7"}],  // type and id required
 *   "context": {"temperature": "0.2"},           // object of strings
 *   "extensions": {"retrieval": {...}},          // object of any JSON, by extension name
 *   "someFutureField": ...                       // any other field: kept in unknownFields
 * }
 * }</pre>
 * Empty lists and maps are left out when encoding; decoding reads an absent field, a {@code null} and
 * an empty one alike. Every field this version does not know is kept verbatim in
 * {@code unknownFields} and written back at the top level, so a document from a newer version
 * survives a round trip through this one, keeping its {@code schemaVersion}. Fields a newer version
 * adds <em>inside</em> a reference are not kept: a schema change adds top-level fields and never
 * changes the type of an existing one.
 */
public final class ChatMetadataCodec implements MetadataCodec<ChatMetadata> {
  private static final String SCHEMA_VERSION = MetadataDocument.SCHEMA_VERSION;
  private static final String CONNECTED_PROJECTS = "connectedProjects";
  private static final String REFERENCES = "references";
  private static final String CONTEXT = "context";
  private static final String EXTENSIONS = "extensions";
  private static final Set<String> KNOWN = Set.of(SCHEMA_VERSION, CONNECTED_PROJECTS, REFERENCES, CONTEXT,
      EXTENSIONS);

  private static final ChatMetadataCodec STANDARD = new ChatMetadataCodec(JsonLimits.metadataDefaults());
  private final JsonLimits limits;

  public ChatMetadataCodec(JsonLimits limits) {
    this.limits = Checks.notNull(limits, "limits");
  }

  public static ChatMetadataCodec standard() {
    return STANDARD;
  }

  public JsonLimits limits() {
    return limits;
  }

  @Override
  public String encode(ChatMetadata value) {
    Checks.notNull(value, MetadataDocument.ROOT);
    MetadataWriter writer = new MetadataWriter(MetadataDocument.ROOT);
    List<ObjectNode> references = new ArrayList<>();
    for (ObjectRef ref : value.references()) {
      references.add(MetadataWriter.factory().objectNode().put("type", ref.type()).put("id", ref.id()));
    }
    ObjectNode known = writer
        .number(SCHEMA_VERSION, value.schemaVersion())
        .strings(CONNECTED_PROJECTS, value.connectedProjects())
        .nodes(REFERENCES, references)
        .stringMap(CONTEXT, value.context())
        .jsonMap(EXTENSIONS, value.extensions())
        .object();
    return MetadataDocument.encode(known, value.unknownFields(), KNOWN, limits);
  }

  @Override
  public ChatMetadata decode(String json) {
    MetadataReader doc = MetadataDocument.decode(json, limits);
    int version = doc.schemaVersion(SCHEMA_VERSION);
    List<String> projects = doc.strings(CONNECTED_PROJECTS);
    List<ObjectRef> references = new ArrayList<>();
    for (MetadataReader ref : doc.objects(REFERENCES)) {
      String type = ref.requiredString("type");
      String id = ref.requiredString("id");
      references.add(ref.construct(() -> new ObjectRef(type, id)));
    }
    return doc.construct(() -> new ChatMetadata(version, projects, references, doc.stringMap(CONTEXT),
        doc.jsonMap(EXTENSIONS), doc.unknownFields(KNOWN)));
  }
}
