package dev.chatstore.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.Part;
import dev.chatstore.TextPart;
import java.util.List;
import java.util.Optional;

/**
 * What a message holds beyond its text, tool calls and tool results: its parts, attributes and
 * participant name, and the one JSON a backend stores for them beside the message's content (the
 * text parts joined, which search and previews read). A message that is plain text (its parts are its
 * content as one text part), with no attributes and no name, needs no body: {@link #json()} is empty,
 * so such a message is stored exactly as before parts existed, and a stored message without a body
 * reads back as plain text. Stateless.
 *
 * <p>The body is {@code {"attributes": {...}, "name": "...", "parts": [...]}}, each field left out when
 * it has its default (see {@link PartJson} for the parts).
 */
public record MessageBody(List<Part> parts, String attributesJson, Optional<String> name) {
  public MessageBody {
    parts = Checks.list(parts, "parts");
    Checks.notNull(attributesJson, "attributesJson");
    Checks.notNull(name, "name");
  }

  public static MessageBody of(NewMessage m) {
    return new MessageBody(m.parts(), m.attributesJson(), m.name());
  }

  public static MessageBody of(Message m) {
    return new MessageBody(m.parts(), m.attributesJson(), m.name());
  }

  /** The body of a message that is only {@code content}. */
  public static MessageBody plain(String content) {
    return new MessageBody(plainParts(content), NewMessage.NO_ATTRIBUTES, Optional.empty());
  }

  /** The joined text of the parts: what a backend stores as the message's content. */
  public String content() {
    return text(parts);
  }

  /** The text parts of {@code parts} joined: a message's content. */
  public static String text(List<Part> parts) {
    if (parts.size() == 1 && parts.get(0) instanceof TextPart only) {
      return only.text();
    }
    StringBuilder text = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof TextPart t) {
        text.append(t.text());
      }
    }
    return text.toString();
  }

  /** The JSON to store beside the content; empty when the message is plain text with nothing else. */
  public Optional<String> json() {
    return isPlain() ? Optional.empty() : Optional.of(Json.write(tree()));
  }

  /** The body as the JSON object {@link #json()} writes (all defaults left out). */
  public ObjectNode tree() {
    ObjectNode o = Json.MAPPER.getNodeFactory().objectNode();
    if (!attributesJson.equals(NewMessage.NO_ATTRIBUTES)) {
      o.set("attributes", Json.parse(attributesJson, "attributesJson"));
    }
    name.ifPresent(n -> o.put("name", n));
    if (!parts.equals(plainParts(content()))) {
      o.set("parts", PartJson.parts(parts));
    }
    return o;
  }

  /** True when the message needs no body: its parts are its content as one text part, and nothing else. */
  public boolean isPlain() {
    return attributesJson.equals(NewMessage.NO_ATTRIBUTES) && name.isEmpty() && parts.equals(plainParts(content()));
  }

  /**
   * The body of a stored message: {@code content} as stored, and the JSON {@link #json()} made, if any.
   * Throws {@link InvalidInputException} naming the field under {@code path} for a body it cannot read.
   */
  public static MessageBody read(String content, Optional<String> json, String path) {
    Checks.notNull(content, path);
    Checks.notNull(json, path);
    if (json.isEmpty()) {
      return plain(content);
    }
    return read(content, Json.parse(json.get(), path), path);
  }

  /** {@link #read(String, Optional, String)} of a body already parsed. */
  public static MessageBody read(String content, JsonNode body, String path) {
    if (body == null || !body.isObject()) {
      throw new InvalidInputException(path, "must be a JSON object");
    }
    JsonNode parts = body.get("parts");
    JsonNode attributes = body.get("attributes");
    JsonNode name = body.get("name");
    if (attributes != null && !attributes.isObject()) {
      throw new InvalidInputException(path + ".attributes", "must be a JSON object");
    }
    if (name != null && !name.isTextual()) {
      throw new InvalidInputException(path + ".name", "must be a string");
    }
    List<Part> read = parts == null ? plainParts(content) : PartJson.parts(parts, path + ".parts");
    return new MessageBody(read, attributes == null ? NewMessage.NO_ATTRIBUTES : Json.write(attributes),
        name == null ? Optional.empty() : Optional.of(name.textValue()));
  }

  private static List<Part> plainParts(String content) {
    return content.isEmpty() ? List.of() : List.of(new TextPart(content));
  }
}
