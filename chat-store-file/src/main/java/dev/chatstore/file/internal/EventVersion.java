package dev.chatstore.file.internal;

import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.file.internal.Event.MessageAppended;
import dev.chatstore.file.internal.Event.MessageRevised;
import dev.chatstore.file.internal.Event.SessionCreated;
import dev.chatstore.file.internal.Event.StreamFinished;
import dev.chatstore.file.internal.Event.StreamFlushed;
import dev.chatstore.spi.StreamDelta;
import java.util.List;

/**
 * The oldest session-file format version whose readers read a line exactly as written: the rule the
 * header's version follows. Version 1 lacks conversation keys, message bodies (parts beyond one text,
 * attributes, names), several results in one message, text tool outputs, malformed tool-call
 * arguments, a stream's reasoning, signature and attachments, and revisions of a message: a version-1
 * reader would drop some of those silently and misread others (arguments kept as text would come back
 * as a JSON string; a revised message would say what it said before), so a line holding any of them
 * needs version 2.
 * Everything else is written exactly as version 1 wrote it. Version 3 adds sealed values: a line an
 * encrypting store writes with values holds them in {@code "sealed"} only, which a version-2 reader would
 * take for a line without them (a metadata update for a status update, a rename for nothing). Stateless.
 */
final class EventVersion {
  /** The version of a line whose values are sealed. */
  static final int SEALED = 3;

  private EventVersion() {}

  /** The version the event's line needs, written by a store that seals values ({@code seals}) or not. */
  static int of(Event event, boolean seals) {
    if (seals && EventCodec.hasValues(event)) {
      return SEALED;
    }
    return of(event);
  }

  private static int of(Event event) {
    if (event instanceof SessionCreated c) {
      return c.key().isPresent() ? 2 : SessionHeader.FIRST;
    } else if (event instanceof MessageAppended a) {
      return of(a.message());
    } else if (event instanceof StreamFlushed f) {
      return of(f.delta());
    } else if (event instanceof StreamFinished f) {
      return of(f.delta());
    } else if (event instanceof MessageRevised) {
      return 2;
    }
    return SessionHeader.FIRST;
  }

  static int of(LineMessage m) {
    if (!m.body().isPlain() || m.toolResults().size() > 1) {
      return 2;
    }
    for (ToolResult r : m.toolResults()) {
      if (r.format() != ToolResult.OutputFormat.JSON) {
        return 2;
      }
    }
    return of(m.toolCalls());
  }

  /** A stream line's delta: reasoning, a signature or attachments are lost on a version-1 reader. */
  private static int of(StreamDelta delta) {
    return delta.hasExtras() ? 2 : of(delta.toolCalls());
  }

  private static int of(List<ToolCall> calls) {
    for (ToolCall call : calls) {
      if (call.malformed()) {
        return 2;
      }
    }
    return SessionHeader.FIRST;
  }
}
