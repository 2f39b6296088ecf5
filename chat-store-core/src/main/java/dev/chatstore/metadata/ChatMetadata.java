package dev.chatstore.metadata;

import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Json;
import dev.chatstore.internal.metadata.JsonPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed metadata of a chat: the projects it is connected to, references to other objects, context
 * entries (configuration the chat runs with), host extensions by name, and the fields this version
 * does not know (written by a newer version or by hand), kept so they survive a round trip. JSON
 * values are held as canonical JSON text. Encoded and decoded by {@link ChatMetadataCodec}.
 */
public record ChatMetadata(
    int schemaVersion,
    List<String> connectedProjects,
    List<ObjectRef> references,
    Map<String, String> context,
    Map<String, String> extensions,
    Map<String, String> unknownFields) {

  /** The schema version this library writes. */
  public static final int CURRENT_VERSION = 1;

  public ChatMetadata {
    if (schemaVersion < 1) {
      throw new dev.chatstore.InvalidInputException("metadata.schemaVersion", "must be at least 1");
    }
    connectedProjects = Checks.list(connectedProjects, "metadata.connectedProjects");
    references = Checks.list(references, "metadata.references");
    context = Checks.map(context, "metadata.context");
    extensions = canonicalValues(extensions, "metadata.extensions");
    unknownFields = canonicalValues(unknownFields, "metadata.unknownFields");
  }

  private static final ChatMetadata EMPTY =
      new ChatMetadata(CURRENT_VERSION, List.of(), List.of(), Map.of(), Map.of(), Map.of());

  public static ChatMetadata empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder(EMPTY);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The extension stored under the codec's name, decoded; empty if absent. */
  public <T> Optional<T> extension(ExtensionCodec<T> codec) {
    Checks.notNull(codec, "codec");
    String json = extensions.get(codec.name());
    return json == null ? Optional.empty() : Optional.of(codec.decode(json));
  }

  /** A copy with {@code value} stored as the codec's extension. */
  public <T> ChatMetadata withExtension(ExtensionCodec<T> codec, T value) {
    Checks.notNull(codec, "codec");
    return toBuilder().extensionJson(codec.name(), codec.encode(Checks.notNull(value, "value"))).build();
  }

  static Map<String, String> canonicalValues(Map<String, String> values, String field) {
    Map<String, String> checked = Checks.map(values, field);
    Map<String, String> canonical = new LinkedHashMap<>();
    checked.forEach((k, v) -> canonical.put(k, Json.canonical(v, JsonPaths.field(field, k))));
    return java.util.Collections.unmodifiableMap(canonical);
  }

  /** Builds a {@link ChatMetadata}; validated when built. */
  public static final class Builder {
    private int schemaVersion;
    private final List<String> connectedProjects;
    private final List<ObjectRef> references;
    private final Map<String, String> context;
    private final Map<String, String> extensions;
    private final Map<String, String> unknownFields;

    private Builder(ChatMetadata from) {
      schemaVersion = from.schemaVersion;
      connectedProjects = new ArrayList<>(from.connectedProjects);
      references = new ArrayList<>(from.references);
      context = new LinkedHashMap<>(from.context);
      extensions = new LinkedHashMap<>(from.extensions);
      unknownFields = new LinkedHashMap<>(from.unknownFields);
    }

    public Builder schemaVersion(int version) {
      this.schemaVersion = version;
      return this;
    }

    public Builder connectedProject(String projectId) {
      connectedProjects.add(Checks.notBlank(projectId, "metadata.connectedProjects[]", 256));
      return this;
    }

    public Builder reference(ObjectRef ref) {
      references.add(Checks.notNull(ref, "metadata.references[]"));
      return this;
    }

    public Builder reference(String type, String id) {
      String path = JsonPaths.index("metadata.references", references.size());
      Checks.notBlank(type, path + ".type", 256);
      Checks.notBlank(id, path + ".id", 1024);
      return reference(new ObjectRef(type, id));
    }

    /** A context entry: plain text, kept as given (not JSON: the JSON-taking setters end in {@code Json}). */
    public Builder context(String key, String value) {
      context.put(Checks.notBlank(key, "metadata.context key", 256), Checks.notNull(value, "metadata.context." + key));
      return this;
    }

    /** Stores JSON text (kept canonical) under an extension name; prefer {@link ChatMetadata#withExtension}. */
    public Builder extensionJson(String name, String json) {
      extensions.put(Checks.notBlank(name, "metadata.extensions name", 256), Json.canonical(json, JsonPaths.field("metadata.extensions", name)));
      return this;
    }

    /** A field of a newer version, as JSON text: what decoding keeps for the round trip. */
    public Builder unknownFieldJson(String name, String json) {
      unknownFields.put(Checks.notBlank(name, "metadata.unknownFields name", 256), json);
      return this;
    }

    public ChatMetadata build() {
      return new ChatMetadata(schemaVersion, connectedProjects, references, context, extensions, unknownFields);
    }
  }
}
