package dev.chatstore.file.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Decoded metadata by its JSON text. Most messages of a store carry one of a few metadata values
 * (empty, or the same model), and decoding is the largest part of reading a message, so the
 * values (immutable records) are shared. Bounded: emptied when full. Thread-safe.
 */
final class MetadataCache<T> {
  private static final int MAX_ENTRIES = 1024;
  private static final int MAX_KEY_CHARS = 4096; // large values are rare and not worth keeping
  private final Map<String, T> decoded = new ConcurrentHashMap<>();
  private final Function<String, T> decoder;

  MetadataCache(Function<String, T> decoder) {
    this.decoder = decoder;
  }

  /** The decoded value; throws what the decoder throws. */
  T decode(String json) {
    T value = decoded.get(json);
    if (value == null) {
      value = decoder.apply(json);
      if (json.length() <= MAX_KEY_CHARS) {
        if (decoded.size() >= MAX_ENTRIES) {
          decoded.clear();
        }
        decoded.put(json, value);
      }
    }
    return value;
  }
}
