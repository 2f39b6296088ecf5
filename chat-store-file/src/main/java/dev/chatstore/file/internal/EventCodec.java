package dev.chatstore.file.internal;

import static dev.chatstore.file.internal.LineJson.enumValue;
import static dev.chatstore.file.internal.LineJson.instant;
import static dev.chatstore.file.internal.LineJson.json;
import static dev.chatstore.file.internal.LineJson.number;
import static dev.chatstore.file.internal.LineJson.optionalText;
import static dev.chatstore.file.internal.LineJson.rawJson;
import static dev.chatstore.file.internal.LineJson.text;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chatstore.ChatStoreException;
import dev.chatstore.ForkOrigin;
import dev.chatstore.MessageStatus;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.file.internal.Event.MessageAppended;
import dev.chatstore.file.internal.Event.MessageUpdated;
import dev.chatstore.file.internal.Event.SessionCreated;
import dev.chatstore.file.internal.Event.SessionDeleted;
import dev.chatstore.file.internal.Event.SessionUpdated;
import dev.chatstore.file.internal.Event.StreamBegun;
import dev.chatstore.file.internal.Event.StreamFinished;
import dev.chatstore.file.internal.Event.StreamFlushed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns {@link Event}s into lines of a session file and back: format version 1, documented in the
 * module README. Writing puts {@code event} and {@code at} first so a person reading the file sees
 * what happened when; reading is strict and reports the first thing that does not fit.
 */
final class EventCodec {
  static final String FORMAT = "chat-store-session";
  static final int VERSION = 1;

  private EventCodec() {}

  /** The first line of every session file. */
  static void header(ByteArrayOutputStream out) {
    LineJson.line(out, g -> {
      g.writeStringField("format", FORMAT);
      g.writeNumberField("version", VERSION);
    });
  }

  static void checkHeader(JsonNode node) throws BadLine {
    if (!node.has("format") || !FORMAT.equals(node.get("format").asText())) {
      throw new BadLine("the first line must be the header {\"format\":\"" + FORMAT + "\",\"version\":" + VERSION + "}");
    }
    long version = number(node, "version");
    if (version != VERSION) {
      throw new BadLine("format version " + version + " is not one this library reads (" + VERSION + ")");
    }
  }

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
    } else {
      return "message.updated";
    }
  }

  private static void body(Event event, JsonGenerator g) throws IOException {
    if (event instanceof SessionCreated c) {
      g.writeStringField("id", c.id());
      g.writeStringField("owner", c.owner());
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
      StoredMessage m = a.message();
      messageHead(m, g);
      g.writeStringField("status", m.status().name());
      g.writeStringField("createdAt", m.createdAt().toString());
      g.writeStringField("updatedAt", m.updatedAt().toString());
      g.writeStringField("content", m.content());
      toolCalls(m.toolCalls(), g);
      if (m.toolResult().isPresent()) {
        ToolResult r = m.toolResult().get();
        g.writeObjectFieldStart("toolResult");
        g.writeStringField("callId", r.callId());
        g.writeStringField("toolName", r.toolName());
        rawJson(g, "output", r.outputJson());
        g.writeBooleanField("error", r.error());
        g.writeEndObject();
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
      g.writeStringField("text", f.text());
      toolCalls(f.toolCalls(), g);
    } else if (event instanceof StreamFinished f) {
      g.writeStringField("id", f.id());
      g.writeStringField("status", f.status().name());
      g.writeStringField("text", f.text());
      toolCalls(f.toolCalls(), g);
      rawJson(g, "metadata", f.metadataJson());
    } else if (event instanceof MessageUpdated u) {
      g.writeStringField("id", u.id());
      if (u.status().isPresent()) {
        g.writeStringField("status", u.status().get().name());
      }
      if (u.metadataJson().isPresent()) {
        rawJson(g, "metadata", u.metadataJson().get());
      }
    }
  }

  private static void messageHead(StoredMessage m, JsonGenerator g) throws IOException {
    g.writeStringField("id", m.id());
    g.writeNumberField("seq", m.seq());
    g.writeStringField("role", m.role().name());
  }

  private static void toolCalls(List<ToolCall> calls, JsonGenerator g) throws IOException {
    if (calls.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart("toolCalls");
    for (ToolCall c : calls) {
      g.writeStartObject();
      g.writeStringField("id", c.id());
      g.writeStringField("toolName", c.toolName());
      rawJson(g, "arguments", c.argumentsJson());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  // ---- reading --------------------------------------------------------------------------------

  static Event read(JsonNode n) throws BadLine {
    String event = text(n, "event");
    try {
      switch (event) {
        case "session.created":
          return new SessionCreated(instant(n, "at"), text(n, "id"), text(n, "owner"), optionalText(n, "project"),
              text(n, "title"), json(n, "metadata"), json(n, "state"), forkOrigin(n));
        case "session.updated":
          return new SessionUpdated(instant(n, "at"), number(n, "version"), optionalText(n, "title"),
              optionalJson(n, "metadata"), optionalJson(n, "state"));
        case "session.deleted":
        case "session.restored":
          return new SessionDeleted(instant(n, "at"), number(n, "version"), event.equals("session.deleted"));
        case "message.appended":
          return appended(n);
        case "stream.begun":
          return begun(n);
        case "stream.flushed":
          return new StreamFlushed(instant(n, "at"), text(n, "id"), text(n, "text"), toolCalls(n));
        case "stream.finished":
          return new StreamFinished(instant(n, "at"), text(n, "id"), text(n, "text"), toolCalls(n),
              finalStatus(n), json(n, "metadata"));
        case "message.updated":
          return new MessageUpdated(instant(n, "at"), text(n, "id"),
              n.hasNonNull("status") ? Optional.of(finalStatus(n)) : Optional.empty(), optionalJson(n, "metadata"));
        default:
          throw new BadLine("unknown event \"" + event + "\"");
      }
    } catch (ChatStoreException e) { // a record refused a value: an id of the wrong shape, bad JSON
      throw new BadLine(e.getMessage(), e);
    }
  }

  private static MessageAppended appended(JsonNode n) throws BadLine {
    Role role = enumValue(n, "role", Role.class);
    Optional<ToolResult> result = Optional.empty();
    if (n.hasNonNull("toolResult")) {
      JsonNode r = n.get("toolResult");
      JsonNode error = r.get("error");
      if (error == null || !error.isBoolean()) {
        throw new BadLine("\"toolResult.error\" must be true or false");
      }
      result = Optional.of(new ToolResult(text(r, "callId"), text(r, "toolName"), json(r, "output"),
          error.booleanValue()));
    }
    StoredMessage m = new StoredMessage(text(n, "id"), seq(n), role, text(n, "content"), finalStatus(n),
        toolCalls(n), result, json(n, "metadata"), instant(n, "createdAt"), instant(n, "updatedAt"));
    long batch = n.hasNonNull("batch") ? number(n, "batch") : 0;
    if (batch < 0 || batch > Integer.MAX_VALUE) {
      throw new BadLine("\"batch\" is out of range: " + batch);
    }
    return new MessageAppended(instant(n, "at"), m, (int) batch);
  }

  private static StreamBegun begun(JsonNode n) throws BadLine {
    Role role = enumValue(n, "role", Role.class);
    java.time.Instant at = instant(n, "at");
    return new StreamBegun(new StoredMessage(text(n, "id"), seq(n), role, "", MessageStatus.PENDING, List.of(),
        Optional.empty(), json(n, "metadata"), at, at));
  }

  private static long seq(JsonNode n) throws BadLine {
    long seq = number(n, "seq");
    if (seq < 1) {
      throw new BadLine("\"seq\" must be at least 1, was " + seq);
    }
    return seq;
  }

  private static MessageStatus finalStatus(JsonNode n) throws BadLine {
    MessageStatus status = enumValue(n, "status", MessageStatus.class);
    if (!status.isFinal()) {
      throw new BadLine("\"status\" must be COMPLETE, ERROR or INTERRUPTED here, was " + status);
    }
    return status;
  }

  private static Optional<String> optionalJson(JsonNode n, String field) throws BadLine {
    return n.has(field) ? Optional.of(json(n, field)) : Optional.empty();
  }

  private static Optional<ForkOrigin> forkOrigin(JsonNode n) throws BadLine {
    if (!n.hasNonNull("forkedFrom")) {
      return Optional.empty();
    }
    JsonNode f = n.get("forkedFrom");
    return Optional.of(new ForkOrigin(text(f, "session"), text(f, "message")));
  }

  private static List<ToolCall> toolCalls(JsonNode n) throws BadLine {
    JsonNode calls = n.get("toolCalls");
    if (calls == null || calls.isNull()) {
      return List.of();
    }
    if (!calls.isArray()) {
      throw new BadLine("\"toolCalls\" must be an array");
    }
    List<ToolCall> out = new ArrayList<>(calls.size());
    for (JsonNode c : calls) {
      out.add(new ToolCall(text(c, "id"), text(c, "toolName"), json(c, "arguments")));
    }
    return out;
  }
}
