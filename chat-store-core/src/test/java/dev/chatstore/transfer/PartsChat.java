package dev.chatstore.transfer;

import dev.chatstore.ChatSession;
import dev.chatstore.MediaPart;
import dev.chatstore.MessageStatus;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.TextPart;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.UnknownPart;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A session using every part of message model v2, as an export must carry it. */
final class PartsChat {
  static final String OWNER = "owner-2";
  static final String KEY = "user-42:support ../x '; DROP 🗝";
  static final String SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxDx+/=";
  static final String ENCRYPTED = "gAAAAABo-encrypted==\u0000payload";
  static final String TEXT_OUTPUT = "line 1\nNUL \u0000 and 𝄞 non-BMP, \"not JSON\" {";
  static final String MALFORMED_ARGS = "{\"city\": \"Par";
  static final String ATTRIBUTES = "{\"big\":123456789012345678901234567890,\"nested\":{\"a\":[1,2.50,null,true]}}";

  private PartsChat() {}

  /** Every byte value, so base64 in the export is checked on all of them. */
  static byte[] allBytes() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  static ChatSession create(SessionStore store) {
    ChatSession s = store.createSession(NewSession.forOwner(OWNER).title("Parts").key(KEY).build());
    Instant t = Instant.parse("2026-03-04T05:06:07.654321Z");
    store.appendAll(s.id(), List.of(
        NewMessage.builder(Role.USER).content("What is in this picture?")
            .part(MediaPart.inline("image/png", allBytes()).withFileName("tiny pic (1).png"))
            .part(MediaPart.reference("application/pdf", "https://example.com/Zürich docs/report (final).pdf"))
            .attributes(ATTRIBUTES).name("alice").createdAt(t).build(),
        NewMessage.builder(Role.ASSISTANT)
            .part(ReasoningPart.signed("The user wants\n> a description.", SIGNATURE))
            .part(ReasoningPart.encrypted("", ENCRYPTED))
            .part(Part.text("A tiny picture. "))
            .part(new TextPart("And a report.", Map.of("citations", "[{\"start\":0}]")))
            .part(new UnknownPart("audio_transcript", Map.of("lang", "\"de\"", "segments", "[1,2]")))
            .toolCall(new ToolCall("call_a", "weather", "{\"city\":\"Paris\"}"))
            .toolCall(new ToolCall("call_b", "clock", MALFORMED_ARGS))
            .name("helper-bot").createdAt(t.plusSeconds(1)).build(),
        NewMessage.builder(Role.TOOL)
            .toolResult(ToolResult.success("call_a", "weather", "{\"sky\":\"rain\"}"))
            .toolResult(ToolResult.textFailure("call_b", "clock", TEXT_OUTPUT))
            .createdAt(t.plusSeconds(2)).build(),
        NewMessage.builder(Role.ASSISTANT).content("Plain, as in version 1.").status(MessageStatus.INTERRUPTED)
            .createdAt(t.plusSeconds(3)).build()));
    return store.getSession(s.id());
  }
}
