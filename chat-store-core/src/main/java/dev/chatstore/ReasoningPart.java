package dev.chatstore;

import dev.chatstore.spi.Checks;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model's reasoning ("thinking"), kept apart from the answer text: not part of
 * {@link Message#content()}, not matched by search. {@code signature} (Anthropic's thinking
 * signature) and {@code encrypted} (an OpenAI reasoning item's encrypted content, Anthropic's
 * redacted thinking) are opaque provider tokens kept exactly as given, since a provider refuses them
 * back with a single character changed.
 */
public record ReasoningPart(String text, Optional<String> signature, Optional<String> encrypted,
    Map<String, String> unknownFields) implements Part {
  public static final String TYPE = "reasoning";
  private static final Set<String> FIELDS = Set.of("text", "signature", "encrypted");

  public ReasoningPart {
    Checks.notNull(text, "part.text");
    Checks.notNull(signature, "part.signature");
    Checks.notNull(encrypted, "part.encrypted");
    unknownFields = Parts.unknownFields(unknownFields, FIELDS);
  }

  public ReasoningPart(String text) {
    this(text, Optional.empty(), Optional.empty(), Map.of());
  }

  /** Reasoning with its provider signature. */
  public static ReasoningPart signed(String text, String signature) {
    return new ReasoningPart(text, Optional.of(Checks.notNull(signature, "part.signature")), Optional.empty(), Map.of());
  }

  /** Reasoning the provider returned encrypted (and possibly a readable summary as {@code text}). */
  public static ReasoningPart encrypted(String summary, String encrypted) {
    return new ReasoningPart(summary, Optional.empty(), Optional.of(Checks.notNull(encrypted, "part.encrypted")),
        Map.of());
  }

  @Override
  public String type() {
    return TYPE;
  }
}
