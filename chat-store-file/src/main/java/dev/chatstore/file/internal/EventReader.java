package dev.chatstore.file.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatstore.ChatStoreException;
import dev.chatstore.ForkOrigin;
import dev.chatstore.MessageStatus;
import dev.chatstore.NewSession;
import dev.chatstore.Part;
import dev.chatstore.Role;
import dev.chatstore.TextPart;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.file.internal.Event.MessageAppended;
import dev.chatstore.file.internal.Event.MessageRevised;
import dev.chatstore.file.internal.Event.MessageUpdated;
import dev.chatstore.file.internal.Event.SessionCreated;
import dev.chatstore.file.internal.Event.SessionDeleted;
import dev.chatstore.file.internal.Event.SessionUpdated;
import dev.chatstore.file.internal.Event.StreamBegun;
import dev.chatstore.file.internal.Event.StreamFinished;
import dev.chatstore.file.internal.Event.StreamFlushed;
import dev.chatstore.file.internal.Event.Unknown;
import dev.chatstore.spi.CipherScope;
import dev.chatstore.spi.MessageBody;
import dev.chatstore.spi.PartJson;
import dev.chatstore.spi.StreamDelta;
import dev.chatstore.spi.ToolJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Reads one line of a session file (after the header) back into an {@link Event}: the reading half of
 * format versions 1 to 3 (a version-3 line's sealed values opened through {@link LineCipher}), strict
 * about every field it needs, tolerant of fields it does not know, and of events it does not know (an
 * {@link Event.Unknown}, read past: a newer version wrote it). A message's {@code body} is read by
 * core's {@link MessageBody}, a stream's attachments and a revision's parts by {@link PartJson}, tool
 * calls and results by {@link ToolJson}; a value they refuse makes the line a bad one.
 */
final class EventReader {
  private EventReader() {}

  /**
   * The event of the line in {@code buf[off, off + len)}, its sealed values (if any) opened through
   * {@code cipher}. A line whose values do not open is a bad line, an {@link UnopenedLine} for a
   * message's line on an encrypting store; one whose key is missing throws
   * {@link dev.chatstore.crypto.MissingKeyException}.
   */
  static Event read(byte[] buf, int off, int len, LineCipher cipher) throws BadLine {
    LineFields n = LineFields.read(buf, off, len);
    String event = n.text("event");
    boolean sealed = n.has(LineCipher.FIELD);
    if (sealed) {
      Optional<CipherScope> scope = scope(event, n, cipher);
      if (scope.isEmpty()) { // a newer version's event: read past, its values unopened, its key noted
        Optional<String> keyId = cipher.keep(n.text(LineCipher.FIELD));
        return new Unknown(n.instant("at"), event, new String(buf, off, len, StandardCharsets.UTF_8), keyId);
      }
      byte[] values;
      try {
        values = cipher.open(n.text(LineCipher.FIELD), scope.get());
      } catch (BadLine e) {
        // on a plain store a sealed line is a file it cannot read, not one damaged value
        throw !scope.get().messageId().isEmpty() && cipher.encrypts() ? UnopenedLine.of(event, n, e) : e;
      }
      LineFields opened;
      try {
        opened = LineFields.read(values, 0, values.length);
      } catch (BadLine e) { // it authenticated, so no crash cut it short: damage, never a torn line
        throw new BadLine("the sealed values are not a JSON object of the line's fields: " + e.getMessage(), e);
      }
      n.add(opened, LineCipher.FIELD, EventCodec.VALUE_FIELDS);
    }
    Event read = event(n, event, buf, off, len);
    if (!sealed && EventCodec.hasValues(read)) {
      if (cipher.openedAny()) { // an encrypting store seals every value; a plain one cannot load this file
        throw new BadLine("values in clear after a line with sealed ones: no store writes that");
      }
      cipher.clear();
    }
    return read;
  }

  /** Where a line's sealed values belong; empty for an event this version does not know. */
  private static Optional<CipherScope> scope(String event, LineFields n, LineCipher cipher) throws BadLine {
    switch (event) {
      case "session.created":
        return Optional.of(cipher.scope(event, Optional.empty(), 1));
      case "session.updated":
        return Optional.of(cipher.scope(event, Optional.empty(), n.number("version")));
      case "message.appended":
      case "stream.begun":
      case "stream.flushed":
      case "stream.finished":
      case "message.updated":
      case "message.revised":
        return Optional.of(cipher.scope(event, Optional.of(n.text("id")), 0));
      case "session.deleted":
      case "session.restored":
        throw new BadLine("a \"" + event + "\" line holds no values, so nothing sealed");
      default:
        return Optional.empty();
    }
  }

  private static Event event(LineFields n, String event, byte[] buf, int off, int len) throws BadLine {
    try {
      switch (event) {
        case "session.created":
          return new SessionCreated(n.instant("at"), n.text("id"), n.text("owner"), n.optionalText("project"),
              n.text("title"), n.metadata("metadata"), n.document("state"), forkOrigin(n),
              n.optionalText("key").map(NewSession::key));
        case "session.updated":
          return new SessionUpdated(n.instant("at"), n.number("version"), n.optionalText("title"),
              n.optionalMetadata("metadata"), n.optionalDocument("state"));
        case "session.deleted":
        case "session.restored":
          return new SessionDeleted(n.instant("at"), n.number("version"), event.equals("session.deleted"));
        case "message.appended":
          return appended(n);
        case "stream.begun":
          return begun(n);
        case "stream.flushed":
          return new StreamFlushed(n.instant("at"), n.text("id"), delta(n));
        case "stream.finished":
          return new StreamFinished(n.instant("at"), n.text("id"), delta(n), finalStatus(n), n.metadata("metadata"));
        case "message.updated":
          return new MessageUpdated(n.instant("at"), n.text("id"),
              n.has("status") ? Optional.of(finalStatus(n)) : Optional.empty(), n.optionalMetadata("metadata"));
        case "message.revised":
          return revised(n);
        default:
          return new Unknown(n.instant("at"), event, new String(buf, off, len, StandardCharsets.UTF_8),
              Optional.empty());
      }
    } catch (ChatStoreException e) { // a record refused a value: an id of the wrong shape, a blank name
      throw new BadLine(e.getMessage(), e);
    }
  }

  private static MessageAppended appended(LineFields n) throws BadLine {
    List<ToolResult> results = n.optionalTree("toolResult").map(r -> ToolJson.results(r, "toolResult"))
        .orElse(List.of());
    LineMessage m = new LineMessage(n.text("id"), seq(n), n.enumValue("role", Role.class), body(n),
        finalStatus(n), toolCalls(n), results, n.metadata("metadata"), n.instant("createdAt"),
        n.instant("updatedAt"));
    return new MessageAppended(n.instant("at"), m, batch(n));
  }

  /** The size of the batch a line opens, 0 for none. */
  static int batch(LineFields n) throws BadLine {
    long batch = n.has("batch") ? n.number("batch") : 0;
    if (batch < 0 || batch > Integer.MAX_VALUE) {
      throw new BadLine("\"batch\" is out of range: " + batch);
    }
    return (int) batch;
  }

  private static MessageRevised revised(LineFields n) throws BadLine {
    int revision = revision(n);
    JsonNode parts = n.optionalTree("parts").orElseThrow(() -> new BadLine("\"parts\" must be an array"));
    return new MessageRevised(n.instant("at"), n.text("id"), revision, n.instant("revisedAt"),
        n.optionalText("author"), PartJson.parts(parts, "parts"), n.optionalMetadata("metadata"));
  }

  static int revision(LineFields n) throws BadLine {
    long revision = n.number("revision");
    if (revision < 2 || revision > Integer.MAX_VALUE) {
      throw new BadLine("\"revision\" must be 2 or more (revision 1 is the message as appended), was " + revision);
    }
    return (int) revision;
  }

  private static StreamBegun begun(LineFields n) throws BadLine {
    return new StreamBegun(LineMessage.pending(n.text("id"), seq(n), n.enumValue("role", Role.class),
        n.metadata("metadata"), n.instant("at")));
  }

  /**
   * The message's body: its {@code content} alone (a plain text message, every version-1 line), or the
   * {@code body} beside it. Where the body has parts, {@code content} must be their text joined, so a
   * hand edit of one without the other is reported rather than half applied.
   */
  private static MessageBody body(LineFields n) throws BadLine {
    String content = n.text("content");
    Optional<JsonNode> tree = n.optionalTree("body");
    if (tree.isEmpty()) {
      return MessageBody.plain(content);
    }
    MessageBody body = MessageBody.read(content, tree.get(), "body");
    if (!body.content().equals(content)) {
      throw new BadLine("\"content\" is not the text of the parts in \"body\" joined (edit both, or only the parts)");
    }
    return body;
  }

  static long seq(LineFields n) throws BadLine {
    long seq = n.number("seq");
    if (seq < 1) {
      throw new BadLine("\"seq\" must be at least 1, was " + seq);
    }
    return seq;
  }

  static MessageStatus finalStatus(LineFields n) throws BadLine {
    MessageStatus status = n.enumValue("status", MessageStatus.class);
    if (!status.isFinal()) {
      throw new BadLine("\"status\" must be COMPLETE, ERROR or INTERRUPTED here, was " + status);
    }
    return status;
  }

  private static Optional<ForkOrigin> forkOrigin(LineFields n) throws BadLine {
    Optional<LineFields> f = n.optionalObject("forkedFrom");
    if (f.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ForkOrigin(f.get().text("session"), f.get().text("message")));
  }

  /**
   * What a stream line adds: its {@code text} and tool calls (every version-1 line), and the
   * {@code reasoning}, {@code signature} and {@code attachments} version 2 adds beside them. Text streams
   * in {@code text} only: an attachment that is a text part would put text in the message's content
   * that its preview never saw, so it makes the line a bad one.
   */
  private static StreamDelta delta(LineFields n) throws BadLine {
    List<Part> attachments = n.optionalTree("attachments").map(a -> PartJson.parts(a, "attachments"))
        .orElse(List.of());
    for (int i = 0; i < attachments.size(); i++) {
      if (attachments.get(i) instanceof TextPart) {
        throw new BadLine("\"attachments[" + i + "]\" is a text part: streamed text belongs in \"text\"");
      }
    }
    return new StreamDelta(n.text("text"), n.optionalText("reasoning").orElse(""), n.optionalText("signature"),
        toolCalls(n), attachments);
  }

  /** A line's tool calls (ToolJson also takes a call's name as {@code "toolName"}, as older lines spell it). */
  private static List<ToolCall> toolCalls(LineFields n) throws BadLine {
    return n.optionalTree("toolCalls").map(c -> ToolJson.calls(c, "toolCalls")).orElse(List.of());
  }
}
