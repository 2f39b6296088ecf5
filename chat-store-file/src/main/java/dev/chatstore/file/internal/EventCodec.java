package dev.chatstore.file.internal;

import static dev.chatstore.file.internal.LineJson.rawJson;

import com.fasterxml.jackson.core.JsonEncoding;
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
import dev.chatstore.file.internal.Event.Unknown;
import dev.chatstore.spi.CipherScope;
import dev.chatstore.spi.Json;
import dev.chatstore.spi.PartJson;
import dev.chatstore.spi.StreamDelta;
import dev.chatstore.spi.ToolJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns {@link Event}s into lines of a session file: format versions 1 to 3, documented in the
 * module README ({@link EventReader} reads them back, {@link SessionHeader} writes the first line,
 * {@link EventVersion} says which version a line needs). {@code event} and {@code at} come first so a
 * person reading the file sees what happened when; JSON values are embedded as canonical JSON. A line
 * holding nothing version 1 lacked is written byte for byte as version 1 wrote it.
 */
final class EventCodec {
  /**
   * Every field that holds a value: what a sealed line holds only inside its sealed object, so a field of
   * these in clear beside it (a tool call planted next to sealed values) makes the line a bad one.
   */
  static final Set<String> VALUE_FIELDS = Set.of("title", "metadata", "state", "content", "body", "toolCalls",
      "toolResult", "author", "parts", "text", "reasoning", "signature", "attachments");

  private EventCodec() {}

  /**
   * Writes the event's line into {@code out}. Its values go through {@code cipher}: on an encrypting
   * store they are one JSON object sealed into the line's {@code "sealed"} field (the line's last), while
   * the fields that give the line its place (ids, seq, role, status, times, version, revision, batch) stay
   * in clear (version 3); otherwise each value stands where versions 1 and 2 put it, byte for byte as before. An
   * {@link Unknown} line read from a file is written back as it was.
   */
  static void write(Event event, ByteArrayOutputStream out, LineCipher cipher) {
    if (event instanceof Unknown u) {
      u.keyId().ifPresent(cipher::kept);
      out.writeBytes(u.line().getBytes(StandardCharsets.UTF_8));
      out.write('\n');
      return;
    }
    boolean seals = cipher.encrypts() && hasValues(event);
    if (hasValues(event) && !seals) {
      cipher.clear();
    }
    LineJson.line(out, g -> {
      g.writeStringField("event", name(event));
      g.writeStringField("at", event.at().toString());
      if (!seals) {
        body(event, g, g);
        return;
      }
      ByteArrayOutputStream values = new ByteArrayOutputStream(256);
      try (JsonGenerator s = LineJson.MAPPER.getFactory().createGenerator(values, JsonEncoding.UTF8)) {
        s.writeStartObject();
        body(event, g, s);
        s.writeEndObject();
      }
      g.writeStringField(LineCipher.FIELD, cipher.seal(values.toString(StandardCharsets.UTF_8), scope(event, cipher)));
    });
  }

  /**
   * True for an event whose line holds values (what the README lists as encrypted): every event but a
   * deletion or restore, and a {@code message.updated} that only sets a status.
   */
  static boolean hasValues(Event event) {
    if (event instanceof SessionDeleted || event instanceof Unknown) {
      return false;
    }
    if (event instanceof SessionUpdated u) {
      return u.title().isPresent() || u.metadataJson().isPresent() || u.stateJson().isPresent();
    }
    if (event instanceof MessageUpdated u) {
      return u.metadataJson().isPresent();
    }
    return true;
  }

  /** The scope the line's values are sealed in (see {@link LineCipher#scope}). */
  private static CipherScope scope(Event event, LineCipher cipher) {
    if (event instanceof SessionCreated) {
      return cipher.scope(name(event), Optional.empty(), 1);
    }
    if (event instanceof SessionUpdated u) {
      return cipher.scope(name(event), Optional.empty(), u.version());
    }
    return cipher.scope(name(event), messageId(event), 0);
  }

  /** The message an event is about; empty for the session's own events and unknown ones. */
  static Optional<String> messageId(Event event) {
    if (event instanceof MessageAppended a) {
      return Optional.of(a.message().id());
    } else if (event instanceof StreamBegun b) {
      return Optional.of(b.message().id());
    } else if (event instanceof StreamFlushed f) {
      return Optional.of(f.id());
    } else if (event instanceof StreamFinished f) {
      return Optional.of(f.id());
    } else if (event instanceof MessageUpdated u) {
      return Optional.of(u.id());
    } else if (event instanceof MessageRevised r) {
      return Optional.of(r.id());
    }
    return Optional.empty();
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

  /**
   * The event's fields: those that place the line into {@code g}, its values into {@code s} (the same
   * generator when the line is not sealed, so the order of the fields is version 1's and 2's).
   */
  private static void body(Event event, JsonGenerator g, JsonGenerator s) throws IOException {
    if (event instanceof SessionCreated c) {
      g.writeStringField("id", c.id());
      g.writeStringField("owner", c.owner());
      if (c.key().isPresent()) {
        g.writeStringField("key", c.key().get()); // content only: files are named by session id
      }
      if (c.project().isPresent()) {
        g.writeStringField("project", c.project().get());
      }
      s.writeStringField("title", c.title());
      rawJson(s, "metadata", c.metadataJson());
      rawJson(s, "state", c.stateJson());
      if (c.forkedFrom().isPresent()) {
        g.writeObjectFieldStart("forkedFrom");
        g.writeStringField("session", c.forkedFrom().get().sessionId());
        g.writeStringField("message", c.forkedFrom().get().messageId());
        g.writeEndObject();
      }
    } else if (event instanceof SessionUpdated u) {
      g.writeNumberField("version", u.version());
      if (u.title().isPresent()) {
        s.writeStringField("title", u.title().get());
      }
      if (u.metadataJson().isPresent()) {
        rawJson(s, "metadata", u.metadataJson().get());
      }
      if (u.stateJson().isPresent()) {
        rawJson(s, "state", u.stateJson().get());
      }
    } else if (event instanceof SessionDeleted d) {
      g.writeNumberField("version", d.version());
    } else if (event instanceof MessageAppended a) {
      LineMessage m = a.message();
      messageHead(m, g);
      g.writeStringField("status", m.status().name());
      g.writeStringField("createdAt", m.createdAt().toString());
      g.writeStringField("updatedAt", m.updatedAt().toString());
      s.writeStringField("content", m.content());
      if (!m.body().isPlain()) { // a plain text message is its content alone, as in version 1
        s.writeFieldName("body");
        s.writeTree(Json.sorted(m.body().tree())); // canonical; the generator escapes surrogates, as in content
      }
      toolCalls(m.toolCalls(), s);
      if (!m.toolResults().isEmpty()) { // one result: version 1's object; several: an array of them
        s.writeFieldName("toolResult");
        ToolJson.writeResults(m.toolResults(), s);
      }
      rawJson(s, "metadata", m.metadataJson());
      if (a.batch() > 1) {
        g.writeNumberField("batch", a.batch());
      }
    } else if (event instanceof StreamBegun b) {
      messageHead(b.message(), g);
      rawJson(s, "metadata", b.message().metadataJson());
    } else if (event instanceof StreamFlushed f) {
      g.writeStringField("id", f.id());
      delta(f.delta(), s);
    } else if (event instanceof StreamFinished f) {
      g.writeStringField("id", f.id());
      g.writeStringField("status", f.status().name());
      delta(f.delta(), s);
      rawJson(s, "metadata", f.metadataJson());
    } else if (event instanceof MessageUpdated u) {
      g.writeStringField("id", u.id());
      if (u.status().isPresent()) {
        g.writeStringField("status", u.status().get().name());
      }
      if (u.metadataJson().isPresent()) {
        rawJson(s, "metadata", u.metadataJson().get());
      }
    } else if (event instanceof MessageRevised r) {
      g.writeStringField("id", r.id());
      g.writeNumberField("revision", r.revision());
      g.writeStringField("revisedAt", r.revisedAt().toString());
      if (r.author().isPresent()) {
        s.writeStringField("author", r.author().get());
      }
      s.writeFieldName("parts"); // every part, text included: the line is the revision whole
      s.writeTree(Json.sorted(PartJson.parts(r.parts())));
      if (r.metadataJson().isPresent()) {
        rawJson(s, "metadata", r.metadataJson().get());
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
