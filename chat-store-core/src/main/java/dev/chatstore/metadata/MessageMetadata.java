package dev.chatstore.metadata;

import dev.chatstore.InvalidInputException;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Json;
import dev.chatstore.internal.metadata.JsonPaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed metadata of a message: the model, token usage, finish reason, latency, the routines it
 * triggered, the tools it called, execution results or state by name (JSON), an error for a failed
 * reply, host extensions by name, and unknown fields kept for the round trip. Encoded and decoded
 * by {@link MessageMetadataCodec}.
 */
public record MessageMetadata(
    int schemaVersion,
    Optional<String> model,
    Optional<TokenUsage> usage,
    Optional<String> finishReason,
    Optional<Duration> latency,
    List<String> routines,
    List<String> toolsCalled,
    Map<String, String> executionState,
    Optional<String> error,
    Map<String, String> extensions,
    Map<String, String> unknownFields) {

  /** The schema version this library writes. */
  public static final int CURRENT_VERSION = 1;

  public MessageMetadata {
    if (schemaVersion < 1) {
      throw new dev.chatstore.InvalidInputException("metadata.schemaVersion", "must be at least 1");
    }
    Checks.notNull(model, "metadata.model");
    Checks.notNull(usage, "metadata.usage");
    Checks.notNull(finishReason, "metadata.finishReason");
    Checks.notNull(latency, "metadata.latency");
    latency.ifPresent(l -> {
      if (l.isNegative()) {
        throw new InvalidInputException("metadata.latency", "must not be negative");
      }
    });
    routines = Checks.list(routines, "metadata.routines");
    toolsCalled = Checks.list(toolsCalled, "metadata.toolsCalled");
    executionState = ChatMetadata.canonicalValues(executionState, "metadata.executionState");
    Checks.notNull(error, "metadata.error");
    extensions = ChatMetadata.canonicalValues(extensions, "metadata.extensions");
    unknownFields = ChatMetadata.canonicalValues(unknownFields, "metadata.unknownFields");
  }

  private static final MessageMetadata EMPTY = new MessageMetadata(CURRENT_VERSION, Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), Map.of(), Optional.empty(),
      Map.of(), Map.of());

  public static MessageMetadata empty() {
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
  public <T> MessageMetadata withExtension(ExtensionCodec<T> codec, T value) {
    Checks.notNull(codec, "codec");
    return toBuilder().extensionJson(codec.name(), codec.encode(Checks.notNull(value, "value"))).build();
  }

  /** A copy with {@code error} recorded: what a failed stream stores. */
  public MessageMetadata withError(String message) {
    return toBuilder().error(message).build();
  }

  /** Builds a {@link MessageMetadata}; validated when built. */
  public static final class Builder {
    private int schemaVersion;
    private Optional<String> model;
    private Optional<TokenUsage> usage;
    private Optional<String> finishReason;
    private Optional<Duration> latency;
    private final List<String> routines;
    private final List<String> toolsCalled;
    private final Map<String, String> executionState;
    private Optional<String> error;
    private final Map<String, String> extensions;
    private final Map<String, String> unknownFields;

    private Builder(MessageMetadata from) {
      schemaVersion = from.schemaVersion;
      model = from.model;
      usage = from.usage;
      finishReason = from.finishReason;
      latency = from.latency;
      routines = new ArrayList<>(from.routines);
      toolsCalled = new ArrayList<>(from.toolsCalled);
      executionState = new LinkedHashMap<>(from.executionState);
      error = from.error;
      extensions = new LinkedHashMap<>(from.extensions);
      unknownFields = new LinkedHashMap<>(from.unknownFields);
    }

    public Builder schemaVersion(int version) {
      this.schemaVersion = version;
      return this;
    }

    public Builder model(String model) {
      this.model = Optional.of(Checks.notBlank(model, "metadata.model", 256));
      return this;
    }

    public Builder usage(long inputTokens, long outputTokens) {
      Checks.notNegative(inputTokens, "metadata.usage.inputTokens");
      Checks.notNegative(outputTokens, "metadata.usage.outputTokens");
      this.usage = Optional.of(new TokenUsage(inputTokens, outputTokens));
      return this;
    }

    public Builder usage(TokenUsage usage) {
      this.usage = Optional.of(Checks.notNull(usage, "metadata.usage"));
      return this;
    }

    public Builder finishReason(String reason) {
      this.finishReason = Optional.of(Checks.notBlank(reason, "metadata.finishReason", 256));
      return this;
    }

    public Builder latency(Duration latency) {
      this.latency = Optional.of(Checks.notNull(latency, "metadata.latency"));
      return this;
    }

    public Builder routine(String name) {
      routines.add(Checks.notBlank(name, "metadata.routines[]", 256));
      return this;
    }

    public Builder toolCalled(String name) {
      toolsCalled.add(Checks.notBlank(name, "metadata.toolsCalled[]", 256));
      return this;
    }

    /** The state of an execution by name, as JSON text (kept canonical). */
    public Builder executionStateJson(String name, String json) {
      executionState.put(Checks.notBlank(name, "metadata.executionState name", 256),
          Json.canonical(json, JsonPaths.field("metadata.executionState", name)));
      return this;
    }

    public Builder error(String error) {
      this.error = Optional.of(Checks.notNull(error, "metadata.error"));
      return this;
    }

    /** Stores JSON text (kept canonical) under an extension name; prefer {@link MessageMetadata#withExtension}. */
    public Builder extensionJson(String name, String json) {
      extensions.put(Checks.notBlank(name, "metadata.extensions name", 256), Json.canonical(json, JsonPaths.field("metadata.extensions", name)));
      return this;
    }

    /** A field of a newer version, as JSON text: what decoding keeps for the round trip. */
    public Builder unknownFieldJson(String name, String json) {
      unknownFields.put(Checks.notBlank(name, "metadata.unknownFields name", 256), json);
      return this;
    }

    public MessageMetadata build() {
      return new MessageMetadata(schemaVersion, model, usage, finishReason, latency, routines, toolsCalled,
          executionState, error, extensions, unknownFields);
    }
  }
}
