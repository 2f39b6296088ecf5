package dev.chatstore.file.internal;

import static dev.chatstore.file.internal.LineJson.rawJson;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.chatstore.ToolCall;
import dev.chatstore.file.internal.Event.MessageAppended;
import dev.chatstore.file.internal.Event.MessageRevised;
import dev.chatstore.file.internal.Event.MessageUpdated;
import dev.chatstore.file.internal.Event.SessionCreated;
import dev.chatstore.file.internal.Event.SessionDeleted;
import dev.chatstore.file.internal.Event.SessionUpdated;
import dev.chatstore.file.internal.Event.StreamBegun;
import dev.chatstore.file.internal.Event.StreamFinished;
import dev.chatstore.file.internal.Event.StreamFlushed;
import dev.chatstore.spi.Json;
import dev.chatstore.spi.PartJson;
import dev.chatstore.spi.StreamDelta;
import dev.chatstore.spi.ToolJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Turns {@link Event}s into lines of a session file: format versions 1 and 2, documented in the
 * module README ({@link EventReader} reads them back, {@link SessionHeader} writes the first line,
 * {@link EventVersion} says which version a line needs). {@code event} and {@code at} come first so a
 * person reading the file sees what happened when; JSON values are embedded as canonical JSON. A line
 * holding nothing version 1 lacked is written byte for byte as version 1 wrote it.
 */
final class EventCodec {
  private EventCodec() {}

  static void write(Event event, ByteArrayOutputStream out) {
    LineJson.line(out, g -> {
      g.writeStringField("event", name(event));
      g.writeStringField("at", event.at().toString());
      body(event, g);
    });
  }

  static String name(Event event) {
    if (event instanceof SessionCreated) {
      return "session.created";
    } else if (event instanceof SessionUpdated) {
      return "session.updated";
    } else if (event instanceof SessionDeleted d) {
      return d.deleted() ? "session.deleted" : "session.restored";
    } else if (event instanceof MessageAppended) {
      return "message.appended";
    } else if (event instanceof StreamBegun) {
      return "stream.begun";
    } else if (event instanceof StreamFlushed) {
      return "stream.flushed";
    } else if (event instanceof StreamFinished) {
      return "stream.finished";
    } else if (event instanceof MessageUpdated) {
      return "message.updated";
    } else if (event instanceof MessageRevised) {
      return "message.revised";
    }
    // an Unknown is only read: its fields were never read, so it cannot be written back
    throw new IllegalArgumentException("an event of a newer version is never written: " + event);
  }

  private static void body(Event event, JsonGenerator g) throws IOException {
    if (event instanceof SessionCreated c) {
      g.writeStringField("id", c.id());
      g.writeStringField("owner", c.owner());
      if (c.key().isPresent()) {
        g.writeStringField("key", c.key().get()); // content only: files are named by session id
      }
      if (c.project().isPresent()) {
        g.writeStringField("project", c.project().get());
      }
      g.writeStringField("title", c.title());
      rawJson(g, "metadata", c.metadataJson());
      rawJson(g, "state", c.stateJson());
      if (c.forkedFrom().isPresent()) {
        g.writeObjectFieldStart("forkedFrom");
        g.writeStringField("session", c.forkedFrom().get().sessionId());
        g.writeStringField("message", c.forkedFrom().get().messageId());
        g.writeEndObject();
      }
    } else if (event instanceof SessionUpdated u) {
      g.writeNumberField("version", u.version());
      if (u.title().isPresent()) {
        g.writeStringField("title", u.title().get());
      }
      if (u.metadataJson().isPresent()) {
        rawJson(g, "metadata", u.metadataJson().get());
      }
      if (u.stateJson().isPresent()) {
        rawJson(g, "state", u.stateJson().get());
      }
    } else if (event instanceof SessionDeleted d) {
      g.writeNumberField("version", d.version());
    } else if (event instanceof MessageAppended a) {
      LineMessage m = a.message();
      messageHead(m, g);
      g.writeStringField("status", m.status().name());
      g.writeStringField("createdAt", m.createdAt().toString());
      g.writeStringField("updatedAt", m.updatedAt().toString());
      g.writeStringField("content", m.content());
      if (!m.body().isPlain()) { // a plain text message is its content alone, as in version 1
        g.writeFieldName("body");
        g.writeTree(Json.sorted(m.body().tree())); // canonical; the generator escapes surrogates, as in content
      }
      toolCalls(m.toolCalls(), g);
      if (!m.toolResults().isEmpty()) { // one result: version 1's object; several: an array of them
        g.writeFieldName("toolResult");
        ToolJson.writeResults(m.toolResults(), g);
      }
      rawJson(g, "metadata", m.metadataJson());
      if (a.batch() > 1) {
        g.writeNumberField("batch", a.batch());
      }
    } else if (event instanceof StreamBegun b) {
      messageHead(b.message(), g);
      rawJson(g, "metadata", b.message().metadataJson());
    } else if (event instanceof StreamFlushed f) {
      g.writeStringField("id", f.id());
      delta(f.delta(), g);
    } else if (event instanceof StreamFinished f) {
      g.writeStringField("id", f.id());
      g.writeStringField("status", f.status().name());
      delta(f.delta(), g);
      rawJson(g, "metadata", f.metadataJson());
    } else if (event instanceof MessageUpdated u) {
      g.writeStringField("id", u.id());
      if (u.status().isPresent()) {
        g.writeStringField("status", u.status().get().name());
      }
      if (u.metadataJson().isPresent()) {
        rawJson(g, "metadata", u.metadataJson().get());
      }
    } else if (event instanceof MessageRevised r) {
      g.writeStringField("id", r.id());
      g.writeNumberField("revision", r.revision());
      g.writeStringField("revisedAt", r.revisedAt().toString());
      if (r.author().isPresent()) {
        g.writeStringField("author", r.author().get());
      }
      g.writeFieldName("parts"); // every part, text included: the line is the revision whole
      g.writeTree(Json.sorted(PartJson.parts(r.parts())));
      if (r.metadataJson().isPresent()) {
        rawJson(g, "metadata", r.metadataJson().get());
      }
    }
  }

  private static void messageHead(LineMessage m, JsonGenerator g) throws IOException {
    g.writeStringField("id", m.id());
    g.writeNumberField("seq", m.seq());
    g.writeStringField("role", m.role().name());
  }

  /**
   * A stream delta's fields: {@code reasoning}, {@code signature} (v2, each only when the delta has it),
   * {@code text}, {@code toolCalls}, {@code attachments} (v2). A delta of text and calls is written as
   * version 1 wrote it.
   */
  private static void delta(StreamDelta d, JsonGenerator g) throws IOException {
    if (!d.reasoning().isEmpty()) {
      g.writeStringField("reasoning", d.reasoning()); // surrogates escaped, as in text
    }
    if (d.signature().isPresent()) {
      g.writeStringField("signature", d.signature().get());
    }
    g.writeStringField("text", d.text());
    toolCalls(d.toolCalls(), g);
    if (!d.attachments().isEmpty()) {
      g.writeFieldName("attachments");
      g.writeTree(Json.sorted(PartJson.parts(d.attachments())));
    }
  }

  private static void toolCalls(List<ToolCall> calls, JsonGenerator g) throws IOException {
    if (calls.isEmpty()) {
      return;
    }
    g.writeFieldName("toolCalls");
    ToolJson.writeCalls(calls, g);
  }
}
