package dev.chatstore.testkit;

import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.ToolCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the stream-channel areas share: the reasoning part a stream's reasoning channel reads as,
 * signatures careless storage breaks, and one finished reply using every channel.
 */
public final class StreamChannelFixtures {
  private StreamChannelFixtures() {}

  /** The part streamed reasoning without a signature reads as. */
  public static ReasoningPart reasoning(String text) {
    return new ReasoningPart(text);
  }

  /** The part streamed reasoning with its latest signature reads as. */
  public static ReasoningPart reasoning(String text, String signature) {
    return new ReasoningPart(text, Optional.of(signature), Optional.empty(), Map.of());
  }

  /**
   * Provider signatures that must come back byte-exact: non-BMP, NUL, JSON that looks like the
   * stream's own extras, edge whitespace, escapes, and one long opaque token.
   */
  public static List<String> signatures() {
    return List.of(
        PartFixtures.SIGNATURE,
        "math 𝕳𝖊𝖑𝖑𝖔 cjk 𠜎 emoji 👋🏽",
        "nul \u0000 inside\u0000",
        "{\"reasoning\":\"injected\",\"signature\":\"x\",\"attachments\":[]}",
        "\"}, {\"type\":\"text\",\"text\":\"escaped",
        "back\\slash \\u0000 \\\"",
        "line\r\nbreak\ttab \u2028",
        PartFixtures.encryptedPayload());
  }

  /**
   * Streams and completes an ASSISTANT reply with every channel: reasoning and text over two flushes,
   * a signature, a tool call, an image by reference and one inline, and encrypted reasoning.
   */
  public static Message twoChannelReply(SessionStore store, String sessionId) {
    try (MessageStream stream = store.openStream(sessionId, Role.ASSISTANT)) {
      stream.appendReasoning("Plan: 𝕳 draw \u0000 the chart. ").append("Here is the chart ");
      stream.signReasoning(PartFixtures.SIGNATURE);
      stream.addPart(MediaPart.reference("image/png", PartFixtures.NON_ASCII_URI));
      stream.flush();
      stream.appendReasoning("Then explain it.").append("📈 with notes.");
      stream.addToolCall(new ToolCall("call_1", "render", "{\"kind\":\"line\"}"));
      stream.addPart(MediaPart.inline("image/png", PartFixtures.allBytes()).withFileName("chart – ü.png"));
      stream.addPart(ReasoningPart.encrypted("hidden", PartFixtures.encryptedPayload()));
      return stream.complete();
    }
  }
}
