package dev.chatstore.internal.transfer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageRevision;
import dev.chatstore.ToolResult;
import dev.chatstore.spi.Json;
import dev.chatstore.spi.MessageBody;
import dev.chatstore.spi.PartJson;
import dev.chatstore.spi.ToolJson;
import dev.chatstore.metadata.ChatMetadataCodec;
import dev.chatstore.metadata.MessageMetadataCodec;
import dev.chatstore.transfer.ExportFormat;
import java.util.List;

/**
 * Turns a session and its messages into the JSON of the export format. Only what an import can
 * restore is written, so an export of an imported session is byte-for-byte the export it came from.
 * A message's parts, attributes and name are written as {@link MessageBody} shapes them, each only
 * when it is not the default: a plain text message exports as compactly as in version 1.
 */
public final class ExportNodes {
  private final ChatMetadataCodec chatCodec;
  private final MessageMetadataCodec messageCodec;

  public ExportNodes(ChatMetadataCodec chatCodec, MessageMetadataCodec messageCodec) {
    this.chatCodec = chatCodec;
    this.messageCodec = messageCodec;
  }

  /** The header: the chat and the format's name and version; a JSON export adds the messages to it. */
  public ObjectNode header(ChatSession session) {
    ObjectNode root = object();
    root.set(Fields.CHAT, chat(session));
    root.put(Fields.FORMAT, ExportFormat.FORMAT_NAME);
    root.put(Fields.FORMAT_VERSION, ExportFormat.FORMAT_VERSION);
    return root;
  }

  private ObjectNode chat(ChatSession s) {
    ObjectNode chat = object();
    chat.put(Fields.ID, s.id());
    chat.put(Fields.OWNER_ID, s.ownerId());
    s.projectId().ifPresent(p -> chat.put(Fields.PROJECT_ID, p));
    chat.put(Fields.TITLE, s.title());
    chat.set(Fields.METADATA, Json.parse(chatCodec.encode(s.metadata()), "metadata"));
    chat.set(Fields.STATE, Json.parse(s.stateJson(), "state"));
    if (s.isDeleted()) {
      chat.put(Fields.DELETED, true);
    }
    chat.put(Fields.MESSAGE_COUNT, s.messageCount());
    s.key().ifPresent(k -> chat.put(Fields.KEY, k));
    return chat;
  }

  /**
   * A message with its revisions ({@code revisions}: every one, oldest first, when it was revised;
   * empty when never revised, then none are written).
   */
  public ObjectNode message(Message m, List<MessageRevision> revisions) {
    ObjectNode node = message(m);
    if (revisions.size() > 1) {
      ArrayNode all = node.putArray(Fields.REVISIONS);
      for (MessageRevision r : revisions) {
        ObjectNode o = all.addObject();
        o.put(Fields.REVISION, r.number());
        o.put(Fields.AT, r.at().toString());
        r.author().ifPresent(a -> o.put(Fields.AUTHOR, a));
        o.set(Fields.PARTS, PartJson.parts(r.parts()));
      }
    }
    return node;
  }

  public ObjectNode message(Message m) {
    ObjectNode node = object();
    node.put(Fields.ID, m.id());
    node.put(Fields.SEQ, m.seq());
    node.put(Fields.ROLE, m.role().name());
    node.put(Fields.CONTENT, m.content());
    node.put(Fields.STATUS, m.status().name());
    node.put(Fields.CREATED_AT, m.createdAt().toString());
    node.setAll(MessageBody.of(m).tree()); // attributes, name, parts: only those not at their default
    if (!m.toolCalls().isEmpty()) {
      node.set(Fields.TOOL_CALLS, ToolJson.calls(m.toolCalls()));
    }
    if (!m.toolResults().isEmpty()) {
      ArrayNode results = node.putArray(Fields.TOOL_RESULTS);
      for (ToolResult r : m.toolResults()) {
        results.add(ToolJson.result(r));
      }
    }
    node.set(Fields.METADATA, Json.parse(messageCodec.encode(m.metadata()), "metadata"));
    return node;
  }

  private static ObjectNode object() {
    return Json.MAPPER.getNodeFactory().objectNode();
  }
}
