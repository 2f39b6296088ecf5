package dev.chatstore.testkit;

import dev.chatstore.ChatSession;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionUpdate;
import dev.chatstore.TextPart;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.MessageMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat that puts a distinct marker word into every value an encrypting store must seal (title,
 * chat and message metadata, state, text, every part, reasoning and its signature, tool arguments and
 * outputs, attributes, names, streamed chunks, revisions and their authors, previews), so a test can
 * scan the raw files or tables for the markers and find none. Ids, owner and project ids and
 * conversation keys carry no marker: they stay in clear (the README says why).
 */
public final class SecretChat {
  private final String tag;
  private final List<String> markers = new ArrayList<>();

  private SecretChat(String tag) {
    this.tag = tag;
  }

  /** Writes the chat into the store (one session, a finished and an unfinished stream); returns it. */
  public static SecretChat writeInto(SessionStore store, String ownerId) {
    SecretChat chat = new SecretChat(Long.toHexString(System.nanoTime()));
    chat.write(store, ownerId);
    return chat;
  }

  /** Every marker written; each is ASCII, so it shows in raw bytes whatever the encoding. */
  public List<String> markers() {
    return List.copyOf(markers);
  }

  /** The markers found in these raw bytes (as UTF-8, and as UTF-16 for engines that store that). */
  public List<String> foundIn(byte[] raw) {
    String utf8 = new String(raw, StandardCharsets.ISO_8859_1);
    String utf16 = new String(raw, StandardCharsets.UTF_16LE) + new String(raw, StandardCharsets.UTF_16BE);
    return markers.stream().filter(m -> utf8.contains(m) || utf16.contains(m)).toList();
  }

  /** The markers found in this text (say a table dumped as text). */
  public List<String> foundIn(String text) {
    return markers.stream().filter(text::contains).toList();
  }

  private String marker(String field) {
    String marker = "SECRET" + field + "X" + tag;
    markers.add(marker);
    return marker;
  }

  private void write(SessionStore store, String ownerId) {
    ChatSession session = store.createSession(NewSession.forOwner(ownerId)
        .title("title " + marker("title"))
        .metadata(ChatMetadata.builder().context("note", marker("chatmeta")).build())
        .state("{\"draft\":\"" + marker("state") + "\"}")
        .build());
    String id = session.id();
    store.updateSession(id, session.version(), SessionUpdate.title("renamed " + marker("renamed")));
    store.append(id, NewMessage.builder(Role.USER)
        .part(new TextPart("question " + marker("text")))
        .part(MediaPart.reference("image/png", "https://example.org/" + marker("uri") + ".png"))
        .name("user " + marker("name"))
        .attributes("{\"tenant\":\"" + marker("attributes") + "\"}")
        .build());
    store.append(id, NewMessage.builder(Role.ASSISTANT)
        .part(ReasoningPart.signed("thinking " + marker("reasoning"), "sig" + marker("signature")))
        .part(new TextPart("calling the tool"))
        .toolCall(new ToolCall("call-1", "lookup", "{\"q\":\"" + marker("arguments") + "\"}"))
        .metadata(MessageMetadata.builder().model("model-" + marker("model")).build())
        .build());
    store.append(id, NewMessage.tool(ToolResult.success("call-1", "lookup",
        "{\"answer\":\"" + marker("output") + "\"}")));
    try (MessageStream stream = store.openStream(id, Role.ASSISTANT)) {
      stream.appendReasoning("streamed thinking " + marker("streamreasoning"));
      stream.append("streamed answer " + marker("streamtext"));
      stream.flush();
      stream.append(" more " + marker("streamtail"));
      Message done = stream.complete();
      store.updateMessage(id, done.id(), MessageUpdate.content("edited " + marker("revision"))
          .by("editor " + marker("author")));
    }
    MessageStream open = store.openStream(id, Role.ASSISTANT);
    open.append("unfinished " + marker("openstream"));
    open.flush(); // left open: its chunks are on disk as they are while it streams
  }
}
