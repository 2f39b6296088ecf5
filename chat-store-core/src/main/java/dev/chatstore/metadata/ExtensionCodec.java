package dev.chatstore.metadata;

import dev.chatstore.spi.Checks;
import dev.chatstore.internal.metadata.JacksonValueCodec;
import dev.chatstore.internal.metadata.JsonPaths;

/**
 * A host's own type stored inside chat or message metadata under a name, e.g. a record describing
 * the retrieval settings of a chat. {@link #json(String, Class)} covers records and beans.
 */
public interface ExtensionCodec<T> {
  /** The key the value is stored under in {@code extensions}. */
  String name();

  String encode(T value);

  /** Decodes; throws {@link dev.chatstore.InvalidInputException} naming the extension if it does not fit. */
  T decode(String json);

  /**
   * A codec that maps {@code type} (a record or bean) to and from JSON with Jackson. Reading ignores
   * fields the type lacks but refuses a missing record component, a {@code null} primitive or a value
   * of the wrong type rather than filling in {@code null} or zero: to read values stored before a
   * component was added, write an {@link ExtensionCodec} of your own.
   */
  static <T> ExtensionCodec<T> json(String name, Class<T> type) {
    Checks.notBlank(name, "name", 256);
    Checks.notNull(type, "type");
    JacksonValueCodec<T> codec = new JacksonValueCodec<>(type, JsonPaths.field("metadata.extensions", name));
    return new ExtensionCodec<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String encode(T value) {
        return codec.encode(value);
      }

      @Override
      public T decode(String json) {
        return codec.decode(json);
      }
    };
  }
}
