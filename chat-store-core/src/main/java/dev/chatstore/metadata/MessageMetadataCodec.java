package dev.chatstore.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatstore.InvalidInputException;
import dev.chatstore.spi.Checks;
import dev.chatstore.internal.metadata.MetadataDocument;
import dev.chatstore.internal.metadata.MetadataReader;
import dev.chatstore.internal.metadata.MetadataWriter;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Encodes {@link MessageMetadata} as a JSON object and decodes it back, enforcing {@link JsonLimits}.
 * Thread-safe; throws {@link dev.chatstore.InvalidInputException} naming the field path
 * ({@code metadata.usage.inputTokens}) and the limit or problem.
 *
 * <p>The stored format, written in canonical JSON (compact, keys sorted):
 * <pre>{@code
 * {
 *   "schemaVersion": 1,                                 // required, a whole number >= 1
 *   "model": "gpt-x",                                   // string
 *   "usage": {"inputTokens": 12, "outputTokens": 34},   // both required, whole numbers >= 0
 *   "finishReason": "stop",                             // string
 *   "latencyNanos": 1500000,                            // whole nanoseconds >= 0, exact
 *   "routines": ["summarize"],                          // array of strings, in order
 *   "toolsCalled": ["search"],                          // array of strings, in order
 *   "executionState": {"search": {...}},                // object of any JSON, by name
 *   "error": "upstream timed out",                      // string
 *   "extensions": {"billing": {...}},                   // object of any JSON, by extension name
 *   "someFutureField": ...                              // any other field: kept in unknownFields
 * }
 * }</pre>
 * Absent optionals and empty lists and maps are left out when encoding; decoding reads an absent
 * field, a {@code null} and an empty one alike. Every field this version does not know is kept
 * verbatim in {@code unknownFields} and written back at the top level, so a document from a newer
 * version survives a round trip through this one, keeping its {@code schemaVersion}. Fields a newer
 * version adds inside {@code usage} are not kept: a schema change adds top-level fields and never
 * changes the type of an existing one.
 */
public final class MessageMetadataCodec implements MetadataCodec<MessageMetadata> {
  private static final String SCHEMA_VERSION = MetadataDocument.SCHEMA_VERSION;
  private static final String MODEL = "model";
  private static final String USAGE = "usage";
  private static final String INPUT_TOKENS = "inputTokens";
  private static final String OUTPUT_TOKENS = "outputTokens";
  private static final String FINISH_REASON = "finishReason";
  private static final String LATENCY_NANOS = "latencyNanos";
  private static final String ROUTINES = "routines";
  private static final String TOOLS_CALLED = "toolsCalled";
  private static final String EXECUTION_STATE = "executionState";
  private static final String ERROR = "error";
  private static final String EXTENSIONS = "extensions";
  private static final Set<String> KNOWN = Set.of(SCHEMA_VERSION, MODEL, USAGE, FINISH_REASON, LATENCY_NANOS,
      ROUTINES, TOOLS_CALLED, EXECUTION_STATE, ERROR, EXTENSIONS);
  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

  private static final MessageMetadataCodec STANDARD = new MessageMetadataCodec(JsonLimits.metadataDefaults());
  private final JsonLimits limits;

  public MessageMetadataCodec(JsonLimits limits) {
    this.limits = Checks.notNull(limits, "limits");
  }

  public static MessageMetadataCodec standard() {
    return STANDARD;
  }

  public JsonLimits limits() {
    return limits;
  }

  @Override
  public String encode(MessageMetadata value) {
    Checks.notNull(value, MetadataDocument.ROOT);
    Optional<ObjectNode> usage = value.usage().map(u -> MetadataWriter.factory().objectNode()
        .put(INPUT_TOKENS, u.inputTokens())
        .put(OUTPUT_TOKENS, u.outputTokens()));
    ObjectNode known = new MetadataWriter(MetadataDocument.ROOT)
        .number(SCHEMA_VERSION, value.schemaVersion())
        .string(MODEL, value.model())
        .node(USAGE, usage)
        .string(FINISH_REASON, value.finishReason())
        .node(LATENCY_NANOS, value.latency().map(l -> MetadataWriter.factory().numberNode(nanos(l))))
        .strings(ROUTINES, value.routines())
        .strings(TOOLS_CALLED, value.toolsCalled())
        .jsonMap(EXECUTION_STATE, value.executionState())
        .string(ERROR, value.error())
        .jsonMap(EXTENSIONS, value.extensions())
        .object();
    return MetadataDocument.encode(known, value.unknownFields(), KNOWN, limits);
  }

  @Override
  public MessageMetadata decode(String json) {
    MetadataReader doc = MetadataDocument.decode(json, limits);
    int version = doc.schemaVersion(SCHEMA_VERSION);
    Optional<TokenUsage> usage = doc.object(USAGE).map(u -> {
      long input = u.requiredLong(INPUT_TOKENS);
      long output = u.requiredLong(OUTPUT_TOKENS);
      return u.construct(() -> new TokenUsage(input, output));
    });
    Optional<Duration> latency = doc.integer(LATENCY_NANOS).map(n -> latency(n, doc.pathOf(LATENCY_NANOS)));
    return doc.construct(() -> new MessageMetadata(version, doc.string(MODEL), usage, doc.string(FINISH_REASON),
        latency, doc.strings(ROUTINES), doc.strings(TOOLS_CALLED), doc.jsonMap(EXECUTION_STATE),
        doc.string(ERROR), doc.jsonMap(EXTENSIONS), doc.unknownFields(KNOWN)));
  }

  // Nanoseconds as a JSON integer of any size: exact for every Duration, where a long overflows at 292 years.
  private static BigInteger nanos(Duration latency) {
    return BigInteger.valueOf(latency.getSeconds()).multiply(NANOS_PER_SECOND)
        .add(BigInteger.valueOf(latency.getNano()));
  }

  private static Duration latency(BigInteger nanos, String path) {
    if (nanos.signum() < 0) {
      throw new InvalidInputException(path, "must not be negative, was " + nanos);
    }
    BigInteger[] secondsAndNanos = nanos.divideAndRemainder(NANOS_PER_SECOND);
    if (secondsAndNanos[0].bitLength() >= Long.SIZE) {
      throw new InvalidInputException(path, "is longer than any Duration, was " + nanos);
    }
    return Duration.ofSeconds(secondsAndNanos[0].longValue(), secondsAndNanos[1].longValue());
  }
}
