package dev.chatstore.internal.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Part;
import dev.chatstore.Role;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.ForkCopy;
import dev.chatstore.spi.Json;
import dev.chatstore.spi.MessageBody;
import dev.chatstore.spi.PartJson;
import dev.chatstore.spi.Times;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.ChatMetadataCodec;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.metadata.MessageMetadataCodec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the JSON of the export format back into values the store accepts. Lenient where a
 * hand-written file would leave things out (only a message's role is required), strict about types,
 * and every error names the field as a path ({@code messages[3].toolCalls[0].name}).
 */
public final class ImportNodes {
  private final ChatMetadataCodec chatCodec;
  private final MessageMetadataCodec messageCodec;

  public ImportNodes(ChatMetadataCodec chatCodec, MessageMetadataCodec messageCodec) {
    this.chatCodec = chatCodec;
    this.messageCodec = messageCodec;
  }

  /** The chat of the header, read as format {@code version} defines it (version 1 had no keys). */
  public ImportedChat chat(JsonNode node, int version) {
    String path = Fields.CHAT;
    object(node, path);
    Optional<String> id = text(node, Fields.ID, path).map(v -> Checks.id(v, path + "." + Fields.ID));
    Optional<String> owner = text(node, Fields.OWNER_ID, path).map(v -> Checks.ownerId(v, path + ".ownerId"));
    Optional<String> project = text(node, Fields.PROJECT_ID, path).map(v -> Checks.ownerId(v, path + ".projectId"));
    String title = text(node, Fields.TITLE, path).orElse("");
    ChatMetadata metadata = present(node, Fields.METADATA)
        ? Checks.under(path,
            () -> chatCodec.decode(Json.write(object(node.get(Fields.METADATA), path + ".metadata"))))
        : ChatMetadata.empty();
    String state = present(node, Fields.STATE) ? Json.write(node.get(Fields.STATE), path + ".state") : "{}";
    boolean deleted = present(node, Fields.DELETED) && bool(node.get(Fields.DELETED), path + ".deleted");
    OptionalLong count = present(node, Fields.MESSAGE_COUNT)
        ? OptionalLong.of(whole(node.get(Fields.MESSAGE_COUNT), path + ".messageCount"))
        : OptionalLong.empty();
    Optional<String> key = version >= 2
        ? text(node, Fields.KEY, path).map(k -> Checks.under(path, () -> NewSession.key(k)))
        : Optional.empty();
    return new ImportedChat(id, owner, project, title, metadata, state, deleted, count, key);
  }

  /** The message's seq if the file gives one. */
  public OptionalLong seq(JsonNode node, String path) {
    return present(node, Fields.SEQ) ? OptionalLong.of(whole(node.get(Fields.SEQ), path + ".seq")) : OptionalLong.empty();
  }

  /**
   * A message to append, read as format {@code version} defines it; with {@code freshId} it gets a
   * new id instead of the exported one.
   */
  public ImportedMessage message(JsonNode node, String path, boolean freshId, int version) {
    NewMessage m = newMessage(node, path, freshId, version);
    List<MessageRevision> revisions = version >= 2 ? revisions(node, path) : List.of();
    if (revisions.isEmpty()) {
      return new ImportedMessage(m, List.of(), Optional.empty());
    }
    String at = path + "." + Fields.REVISIONS;
    if (!revisions.get(revisions.size() - 1).parts().equals(m.parts())) {
      throw new InvalidInputException(at, "must end with the message's own parts, as the export wrote it");
    }
    if (m.createdAt().isPresent() && !Times.micros(m.createdAt().get()).equals(Times.micros(revisions.get(0).at()))) {
      throw new InvalidInputException(at + "[0].at", "must be the message's createdAt (" + m.createdAt().get()
          + "): revision 1 is the message as it was created");
    }
    // Revised while COMPLETE, perhaps set to another final status since: appended COMPLETE, revised, then
    // given its status again.
    NewMessage.Builder b = m.toBuilder().parts(revisions.get(0).parts()).status(MessageStatus.COMPLETE)
        .createdAt(m.createdAt().orElse(revisions.get(0).at()));
    NewMessage first = Checks.under(path, b::build);
    Optional<MessageStatus> status = m.status() == MessageStatus.COMPLETE ? Optional.empty() : Optional.of(m.status());
    return new ImportedMessage(first, revisions.subList(1, revisions.size()), status);
  }

  /**
   * A revised message's revisions: numbered 1, 2, … in order, each with its time, author (if any) and
   * parts; none when the field is absent. Fewer than two is refused: the export leaves the field out
   * for a message never revised, so such a file was edited and one of the two would be lost.
   */
  private static List<MessageRevision> revisions(JsonNode node, String path) {
    if (!present(node, Fields.REVISIONS)) {
      return List.of();
    }
    String at = path + "." + Fields.REVISIONS;
    JsonNode array = node.get(Fields.REVISIONS);
    if (!array.isArray()) {
      throw new InvalidInputException(at, "must be a JSON array");
    }
    if (array.size() < 2) {
      throw new InvalidInputException(at, "holds " + array.size() + " revisions: it is left out for a message never"
          + " revised, and lists every revision, at least two, of one that was");
    }
    List<MessageRevision> revisions = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String p = at + "[" + i + "]";
      JsonNode r = object(array.get(i), p);
      JsonNode number = r.get(Fields.REVISION);
      if (number == null || !number.isIntegralNumber() || !number.canConvertToLong() || number.longValue() != i + 1) {
        throw new InvalidInputException(p + ".revision", "must be " + (i + 1) + ": revisions are numbered in order");
      }
      Instant time = instant(text(r, Fields.AT, p).orElseThrow(
          () -> new InvalidInputException(p + ".at", "is required")), p + ".at");
      Optional<String> author = text(r, Fields.AUTHOR, p);
      author.ifPresent(a -> Checks.notBlank(a, p + ".author", MessageUpdate.MAX_AUTHOR_LENGTH));
      List<Part> parts = present(r, Fields.PARTS) ? PartJson.parts(r.get(Fields.PARTS), p + ".parts") : List.of();
      revisions.add(new MessageRevision(i + 1, parts, author, time));
    }
    return revisions;
  }

  private NewMessage newMessage(JsonNode node, String path, boolean freshId, int version) {
    object(node, path);
    Role role = constant(Role.class, text(node, Fields.ROLE, path)
        .orElseThrow(() -> new InvalidInputException(path + ".role", "is required")), path + ".role");
    NewMessage.Builder b = NewMessage.builder(role);
    Optional<String> id = text(node, Fields.ID, path);
    if (id.isPresent() && !freshId) {
      b.id(Checks.id(id.get(), path + ".id"));
    }
    String content = text(node, Fields.CONTENT, path).orElse("");
    if (version >= 2) {
      body(node, content, path, b);
    } else {
      b.content(content);
    }
    text(node, Fields.STATUS, path).ifPresent(s -> b.status(ForkCopy.settled(constant(MessageStatus.class, s, path + ".status"))));
    text(node, Fields.CREATED_AT, path).ifPresent(t -> b.createdAt(instant(t, path + ".createdAt")));
    if (present(node, Fields.TOOL_CALLS)) {
      b.toolCalls(ImportTools.calls(node.get(Fields.TOOL_CALLS), path + ".toolCalls", version));
    }
    b.toolResults(ImportTools.results(node, path, version));
    if (present(node, Fields.METADATA)) {
      b.metadata(messageMetadata(node.get(Fields.METADATA), path));
    }
    return Checks.under(path, b::build);
  }

  // Version 2: parts, attributes and name as MessageBody reads them (no parts: the content is the one
  // text part). Content beside parts is their text joined; a file where it says something else was
  // edited by hand, and one of the two would be lost silently, so it is refused.
  private static void body(JsonNode node, String content, String path, NewMessage.Builder b) {
    MessageBody body = MessageBody.read(content, node, path);
    if (present(node, Fields.PARTS) && present(node, Fields.CONTENT) && !body.content().equals(content)) {
      throw new InvalidInputException(path + ".content", "must be the text parts joined, as the export wrote it"
          + " (change the parts, not the content)");
    }
    b.parts(body.parts()).attributes(body.attributesJson());
    body.name().ifPresent(b::name);
  }

  /** The metadata of the message at {@code messagePath}. */
  private MessageMetadata messageMetadata(JsonNode node, String messagePath) {
    return Checks.under(messagePath,
        () -> messageCodec.decode(Json.write(object(node, messagePath + ".metadata"))));
  }

  private static JsonNode object(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(path, "must be a JSON object");
    }
    return node;
  }

  private static boolean present(JsonNode node, String field) {
    return node.has(field) && !node.get(field).isNull();
  }

  /** True when {@code field} is left out or null: what a hand-written file means by "the default". */
  static boolean absent(JsonNode node, String field) {
    return !present(node, field);
  }

  private static Optional<String> text(JsonNode node, String field, String path) {
    if (!present(node, field)) {
      return Optional.empty();
    }
    JsonNode value = node.get(field);
    if (!value.isTextual()) {
      throw new InvalidInputException(path + "." + field, "must be a string");
    }
    return Optional.of(value.textValue());
  }

  private static boolean bool(JsonNode value, String path) {
    if (!value.isBoolean()) {
      throw new InvalidInputException(path, "must be true or false");
    }
    return value.booleanValue();
  }

  private static long whole(JsonNode value, String path) {
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
      throw new InvalidInputException(path, "must be a whole number >= 0");
    }
    return value.longValue();
  }

  private static Instant instant(String text, String path) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(path, "must be an ISO-8601 instant such as 2026-01-31T12:00:00.123456Z, was \""
          + text + "\"", e);
    }
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String name, String path) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(path, "must be one of " + Arrays.toString(type.getEnumConstants())
          + ", was \"" + name + "\"", e);
    }
  }
}
