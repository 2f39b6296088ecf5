package dev.chatstore.examples;

import dev.chatstore.MediaPart;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.TextPart;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.UnknownPart;
import java.util.Locale;

/**
 * How the examples print what is not a message's answer text, in plain text: the CLI's {@code show}
 * and {@link Transcript} share these words, so a part looks the same in both. Reasoning is labelled
 * (its signature or encrypted payload only mentioned), media named by its URI or file name with its
 * MIME type (inline bytes by their size, never printed), malformed tool arguments marked as sent, and
 * a text tool output printed as the text it is rather than as a JSON string. Stateless.
 */
public final class PartText {
  private PartText() {}

  /**
   * A part as one piece of plain text: text as it is, other parts as a label in brackets, such as
   * {@code [reasoning, signed: ...]} or {@code [image: cat.png, image/png, 2,048 bytes inline]}.
   */
  public static String piece(Part part) {
    if (part instanceof TextPart t) {
      return t.text();
    }
    if (part instanceof ReasoningPart r) {
      return "[" + reasoning(r) + (r.text().isEmpty() ? "" : ": " + r.text()) + "]";
    }
    if (part instanceof MediaPart m) {
      return "[" + media(m) + "]";
    }
    return "[" + unknown((UnknownPart) part) + "]";
  }

  /** A part of a type a newer version wrote: only its type. */
  public static String unknown(UnknownPart part) {
    return "part of type " + part.type() + ", not shown";
  }

  /** What a reasoning part is besides its text: {@code reasoning}, signed or encrypted. */
  public static String reasoning(ReasoningPart r) {
    StringBuilder label = new StringBuilder("reasoning");
    r.signature().ifPresent(s -> label.append(", signed"));
    r.encrypted().ifPresent(e -> label.append(", encrypted (").append(e.length()).append(" chars not shown)"));
    return label.toString();
  }

  /** A media part: its kind, then its URI (or file name and inline size) and MIME type. */
  public static String media(MediaPart m) {
    StringBuilder text = new StringBuilder(kind(m.mimeType())).append(": ");
    if (m.uri().isPresent()) {
      m.fileName().ifPresent(f -> text.append(f).append(" at "));
      text.append(m.uri().get()).append(", ").append(m.mimeType());
    } else {
      m.fileName().ifPresent(f -> text.append(f).append(", "));
      text.append(m.mimeType()).append(", ").append(String.format(Locale.ROOT, "%,d", m.bytes().orElseThrow().size()))
          .append(" bytes inline");
    }
    return text.toString();
  }

  /** A call's arguments: JSON as stored, or the text the model sent, marked. */
  public static String arguments(ToolCall call) {
    return call.malformed() ? call.argumentsJson() + " [malformed, as sent]" : call.argumentsJson();
  }

  /** A result's output: JSON as stored, or its text as it is, marked. */
  public static String output(ToolResult result) {
    return result.format() == ToolResult.OutputFormat.TEXT ? "(text) " + result.output() : result.output();
  }

  private static String kind(String mimeType) {
    String type = mimeType.toLowerCase(Locale.ROOT);
    if (type.startsWith("image/")) {
      return "image";
    }
    if (type.startsWith("audio/")) {
      return "audio";
    }
    if (type.startsWith("video/")) {
      return "video";
    }
    return "file";
  }
}
