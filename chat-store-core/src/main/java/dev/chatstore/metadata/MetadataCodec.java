package dev.chatstore.metadata;

/**
 * Turns a metadata value into a JSON string and back. {@code encode} validates against the codec's
 * {@link JsonLimits}; {@code decode} validates shape and required fields. Both throw
 * {@link dev.chatstore.InvalidInputException} naming the field path and the limit or problem.
 * Fields the codec does not know survive decode then encode unchanged. Thread-safe.
 */
public interface MetadataCodec<T> {
  String encode(T value);

  T decode(String json);
}
