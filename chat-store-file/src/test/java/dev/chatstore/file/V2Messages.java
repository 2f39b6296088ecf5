package dev.chatstore.file;

import dev.chatstore.MediaPart;
import dev.chatstore.NewMessage;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.TextPart;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.UnknownPart;
import java.util.List;
import java.util.Map;

/** Messages holding what only format version 2 keeps, for the file store's own tests. */
final class V2Messages {
  /** Every byte value once, so base64 and the line's escaping are both exercised. */
  static final byte[] ALL_BYTES = allBytes();
  /** Text a tool returned: NUL, a non-BMP character, a newline and a quote, never JSON. */
  static final String TOOL_TEXT = "line 1\nNUL \u0000 then \uD83D\uDE00 and \"quotes\" {not json";

  private V2Messages() {}

  /** An assistant reply of every part type, with attributes, a name and a malformed call beside a good one. */
  static NewMessage assistant() {
    return NewMessage.builder(Role.ASSISTANT)
        .parts(parts())
        .toolCall(new ToolCall("call_1", "weather", "{\"city\":\"Zürich\"}"))
        .toolCall(new ToolCall("call_2", "search", "{\"q\": 'single quotes', truncated"))
        .attributes("{\"trace\":{\"ids\":[1,2,3],\"big\":123456789012345678901234567890.000000000000000000001},"
            + "\"flag\":true,\"none\":null}")
        .name("agent-7")
        .build();
  }

  /** The parts of {@link #assistant()}: reasoning first, text around media, and a part of a newer type. */
  static List<Part> parts() {
    return List.of(
        ReasoningPart.signed("The user wants the weather.", "sig+/=\u0001opaque"),
        new TextPart("Here is the map: "),
        MediaPart.inline("image/png", ALL_BYTES).withFileName("map.png"),
        MediaPart.reference("application/pdf", "https://example.org/Zürich/plan%20B.pdf?x=ü#p"),
        ReasoningPart.encrypted("", "gAAAAB-encrypted-payload=="),
        new TextPart("and the plan.", Map.of("cacheControl", "{\"type\":\"ephemeral\"}")),
        new UnknownPart("hologram", Map.of("frames", "[1,2,{\"z\":0.5}]")));
  }

  /** A TOOL message answering both calls of {@link #assistant()}: a JSON result and a failed text one. */
  static NewMessage toolResults() {
    return NewMessage.tool(List.of(
        ToolResult.success("call_1", "weather", "{\"celsius\":4}"),
        ToolResult.textFailure("call_2", "search", TOOL_TEXT)));
  }

  /** A TOOL message with one result whose output is text: version 1 could only hold JSON. */
  static NewMessage oneTextResult(String callId) {
    return NewMessage.tool(ToolResult.text(callId, "search", TOOL_TEXT));
  }

  /** A user message that is plain text apart from a participant name. */
  static NewMessage named(String text) {
    return NewMessage.builder(Role.USER).content(text).name("Ada").build();
  }

  private static byte[] allBytes() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }
}
