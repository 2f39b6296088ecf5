package dev.chatstore.metadata;

import dev.chatstore.ToolResult;
import dev.chatstore.spi.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The host's tool output codecs by tool name: reads a stored {@link ToolResult} back as the tool's
 * typed output. Never fails because a tool changed or disappeared: such output comes back as
 * {@link ToolOutput.Raw} with the reason. Immutable and thread-safe; build with {@link #builder()}.
 */
public final class ToolOutputs {
  private final Map<String, ToolOutputCodec<?>> codecs;

  private ToolOutputs(Map<String, ToolOutputCodec<?>> codecs) {
    this.codecs = Map.copyOf(codecs);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** No codecs: every output reads back raw. */
  public static ToolOutputs none() {
    return new ToolOutputs(Map.of());
  }

  /** The codec registered for {@code toolName}, if any. */
  public Optional<ToolOutputCodec<?>> codec(String toolName) {
    return Optional.ofNullable(codecs.get(Checks.notNull(toolName, "toolName")));
  }

  /** The result's output, typed if its tool's codec decodes it, raw otherwise. */
  public ToolOutput decode(ToolResult result) {
    Checks.notNull(result, "result");
    ToolOutputCodec<?> codec = codecs.get(result.toolName());
    if (codec == null) {
      return new ToolOutput.Raw(result.toolName(), result.outputJson(), "no codec registered for this tool");
    }
    try {
      return typed(codec, result);
    } catch (RuntimeException e) { // any failure of host code: keep the raw JSON
      return new ToolOutput.Raw(result.toolName(), result.outputJson(),
          "the registered codec could not decode it: " + e.getMessage());
    }
  }

  /** A result for {@code callId} whose output is {@code output} encoded by the tool's codec. */
  public <T> ToolResult encode(String callId, ToolOutputCodec<T> codec, T output, boolean error) {
    Checks.notNull(codec, "codec");
    return new ToolResult(callId, codec.toolName(), codec.encode(Checks.notNull(output, "output")), error);
  }

  private static <T> ToolOutput typed(ToolOutputCodec<T> codec, ToolResult result) {
    T value = codec.decode(result.outputJson());
    if (value == null) {
      throw new IllegalStateException("codec returned null");
    }
    return new ToolOutput.Typed<>(result.toolName(), value, result.outputJson());
  }

  /** Registers codecs; a second codec for the same tool replaces the first. */
  public static final class Builder {
    private final Map<String, ToolOutputCodec<?>> codecs = new LinkedHashMap<>();

    private Builder() {}

    public Builder register(ToolOutputCodec<?> codec) {
      Checks.notNull(codec, "codec");
      codecs.put(Checks.notBlank(codec.toolName(), "codec.toolName", 256), codec);
      return this;
    }

    public ToolOutputs build() {
      return new ToolOutputs(codecs);
    }
  }
}
