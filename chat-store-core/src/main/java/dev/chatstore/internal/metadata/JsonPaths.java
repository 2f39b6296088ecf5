package dev.chatstore.internal.metadata;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.chatstore.spi.Json;
import java.util.regex.Pattern;

/**
 * Builds the field paths errors name, such as {@code metadata.references[2].id}. A key that is not a
 * plain word is written quoted, {@code metadata.extensions["a.b"]}, so a path is never ambiguous.
 */
public final class JsonPaths {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_$-]+");

  private JsonPaths() {}

  /** The path of the field {@code name} of the object at {@code parent}. */
  public static String field(String parent, String name) {
    if (PLAIN.matcher(name).matches()) {
      return parent + "." + name;
    }
    return parent + "[" + Json.write(TextNode.valueOf(name)) + "]";
  }

  /** The path of element {@code index} of the array at {@code parent}. */
  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
