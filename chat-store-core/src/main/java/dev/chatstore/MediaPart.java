package dev.chatstore;

import dev.chatstore.spi.Checks;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An image, audio, video or document in a message: its MIME type, and either a reference
 * ({@code uri}, kept exactly as given, non-ASCII characters included) or the bytes inline, with an
 * optional file name. Inline bytes are for small media (see {@link PartLimits#maxInlineBytes()});
 * keep bigger files elsewhere and store their reference.
 */
public record MediaPart(String mimeType, Optional<String> uri, Optional<InlineBytes> bytes,
    Optional<String> fileName, Map<String, String> unknownFields) implements Part {
  public static final String TYPE = "media";
  private static final Set<String> FIELDS = Set.of("mimeType", "uri", "bytes", "fileName");

  public MediaPart {
    Checks.notBlank(mimeType, "part.mimeType", Parts.MAX_MIME_TYPE_LENGTH);
    Checks.notNull(uri, "part.uri");
    Checks.notNull(bytes, "part.bytes");
    Checks.notNull(fileName, "part.fileName");
    if (uri.isPresent() == bytes.isPresent()) {
      throw new InvalidInputException("part", "a media part has either a uri or inline bytes, not "
          + (uri.isPresent() ? "both" : "neither"));
    }
    uri.ifPresent(u -> Checks.notBlank(u, "part.uri", Integer.MAX_VALUE));
    fileName.ifPresent(f -> Checks.notBlank(f, "part.fileName", Integer.MAX_VALUE));
    unknownFields = Parts.unknownFields(unknownFields, FIELDS);
  }

  /** Media kept elsewhere, by reference. */
  public static MediaPart reference(String mimeType, String uri) {
    return new MediaPart(mimeType, Optional.of(Checks.notNull(uri, "part.uri")), Optional.empty(), Optional.empty(),
        Map.of());
  }

  /** Small media kept inline; the bytes are copied. */
  public static MediaPart inline(String mimeType, byte[] bytes) {
    return new MediaPart(mimeType, Optional.empty(), Optional.of(InlineBytes.of(bytes)), Optional.empty(), Map.of());
  }

  /** This part with a file name. */
  public MediaPart withFileName(String name) {
    return new MediaPart(mimeType, uri, bytes, Optional.of(Checks.notNull(name, "part.fileName")), unknownFields);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
