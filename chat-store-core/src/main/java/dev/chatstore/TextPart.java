package dev.chatstore;

import dev.chatstore.spi.Checks;
import java.util.Map;
import java.util.Set;

/** Text said in a message: what {@link Message#content()} joins and what search matches. */
public record TextPart(String text, Map<String, String> unknownFields) implements Part {
  public static final String TYPE = "text";
  private static final Set<String> FIELDS = Set.of("text");

  public TextPart {
    Checks.notNull(text, "part.text");
    unknownFields = Parts.unknownFields(unknownFields, FIELDS);
  }

  public TextPart(String text) {
    this(text, Map.of());
  }

  @Override
  public String type() {
    return TYPE;
  }
}
