package dev.chatstore.internal.transfer;

import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.TextPart;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.UnknownPart;
import java.util.List;
import java.util.Locale;

/**
 * What a message says, as Markdown: its parts in order, then its tool calls and results. Text is shown
 * as written (consecutive text parts as the one text they are); reasoning as a quote marked
 * "Reasoning", so it never reads as the answer, its signature or encrypted payload only mentioned;
 * media as a link to its URI or, for inline bytes, by name, MIME type and size (bytes are never
 * dumped); JSON as pretty-printed blocks and text outputs and malformed arguments exactly, in text
 * blocks. Stateless.
 */
final class MarkdownBody {
  private MarkdownBody() {}

  static void write(MarkdownLines md, Message m) {
    boolean shown = parts(md, m.parts());
    if (!shown && m.toolCalls().isEmpty() && m.toolResults().isEmpty()) {
      md.line("_(no text)_");
      md.line("");
    }
    for (ToolCall call : m.toolCalls()) {
      call(md, call);
    }
    for (ToolResult r : m.toolResults()) {
      result(md, r, m.toolResults().size() > 1);
    }
  }

  /** Writes the parts; false if that showed nothing (no parts, or only empty text). */
  private static boolean parts(MarkdownLines md, List<Part> parts) {
    StringBuilder text = new StringBuilder();
    boolean shown = false;
    for (Part part : parts) {
      if (part instanceof TextPart t) {
        text.append(t.text());
        continue;
      }
      flush(md, text);
      shown = true;
      if (part instanceof ReasoningPart r) {
        reasoning(md, r);
      } else if (part instanceof MediaPart media) {
        md.line(media(media));
        md.line("");
      } else if (part instanceof UnknownPart u) {
        md.line("**Part** of type " + MarkdownText.code(u.type()) + " _(written by a newer version; not shown)_");
        md.line("");
      }
    }
    return flush(md, text) || shown;
  }

  private static boolean flush(MarkdownLines md, StringBuilder text) {
    if (text.length() == 0) {
      return false;
    }
    md.line(MarkdownText.block(text.toString()));
    md.line("");
    text.setLength(0);
    return true;
  }

  private static void reasoning(MarkdownLines md, ReasoningPart r) {
    StringBuilder label = new StringBuilder("**Reasoning**");
    r.signature().ifPresent(s -> label.append(" · _signed_"));
    r.encrypted().ifPresent(e -> label.append(" · _encrypted, ").append(count(e.length(), "character"))
        .append(" not shown_"));
    md.quoted(label.toString(), r.text());
  }

  private static String media(MediaPart m) {
    StringBuilder line = new StringBuilder("**").append(kind(m.mimeType())).append("** ");
    if (m.uri().isPresent()) {
      String label = m.fileName().orElse(m.uri().get());
      line.append('[').append(MarkdownText.escaped(label)).append("](")
          .append(MarkdownText.destination(m.uri().get())).append(") · ");
    } else {
      m.fileName().ifPresent(f -> line.append(MarkdownText.escaped(f)).append(" · "));
    }
    line.append(MarkdownText.code(m.mimeType()));
    m.bytes().ifPresent(b -> line.append(" · ").append(count(b.size(), "byte")).append(" inline, not shown"));
    return line.toString();
  }

  private static void call(MarkdownLines md, ToolCall call) {
    String head = "**Tool call** " + MarkdownText.code(call.toolName()) + " (call " + MarkdownText.code(call.id()) + ")";
    if (call.malformed()) {
      md.line(head + " · _malformed arguments, as the model sent them_");
      md.line("");
      md.fenced(call.argumentsJson(), "text");
    } else {
      md.line(head);
      md.line("");
      md.json(call.argumentsJson());
    }
  }

  // With one result the heading names the tool (as in version 1); with several, each result does.
  private static void result(MarkdownLines md, ToolResult r, boolean several) {
    String head = (r.error() ? "**Tool error** for call " : "**Tool result** for call ") + MarkdownText.code(r.callId())
        + (several ? " (" + MarkdownText.code(r.toolName()) + ")" : "");
    md.line(r.format() == ToolResult.OutputFormat.TEXT ? head + " · _text_" : head);
    md.line("");
    if (r.format() == ToolResult.OutputFormat.TEXT) {
      md.fenced(r.output(), "text");
    } else {
      md.json(r.output());
    }
  }

  private static String kind(String mimeType) {
    String type = mimeType.toLowerCase(Locale.ROOT);
    if (type.startsWith("image/")) {
      return "Image";
    }
    if (type.startsWith("audio/")) {
      return "Audio";
    }
    if (type.startsWith("video/")) {
      return "Video";
    }
    return "File";
  }

  private static String count(long n, String unit) {
    return String.format(Locale.ROOT, "%,d %s%s", n, unit, n == 1 ? "" : "s");
  }
}
