package dev.chatstore.testkit;

import dev.chatstore.MediaPart;
import dev.chatstore.NewMessage;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.TextPart;
import dev.chatstore.ToolCall;
import dev.chatstore.UnknownPart;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sample parts the parts areas share: every part type, holding the values careless storage breaks
 * (every byte value, non-ASCII URIs, opaque provider tokens with edge whitespace, NUL, non-BMP text,
 * fields and part types of a newer version).
 */
public final class PartFixtures {
  /** The word {@link #everyPart()} holds in a text part, for search. */
  public static final String NEEDLE = "needle-in-parts";

  /** Non-ASCII characters as given (never percent-encoded by a store), an encoded path kept encoded. */
  public static final String NON_ASCII_URI = "https://例え.jp/Bilder/Ärger 😀/日本語.png?q=é&pct=r%C3%A9sum%C3%A9#frag";

  /** An Anthropic-style thinking signature: opaque base64, edge whitespace included, kept byte-exact. */
  public static final String SIGNATURE = " EqQBCkgIARABGAIiQL+/z9aZ3wX0==\n";

  /** Host attributes as a host writes them: spaced, unsorted, nested, with numbers past double and long. */
  public static final String ATTRIBUTES = "{ \"z\": {\"list\": [1, {\"deep\": [null, true, \"é\\u0000😀\"]}, []],"
      + " \"empty\": {}}, \"big\": 123456789012345678901234567890.000100, \"huge\": 1e400,"
      + " \"long\": 12345678901234567890123, \"tiny\": 1e-20, \"ключ\": \"значение\" }";

  /** {@link #ATTRIBUTES} in canonical form: keys sorted, compact, numbers exact in plain notation. */
  public static final String ATTRIBUTES_CANONICAL = "{\"big\":123456789012345678901234567890.000100,"
      + "\"huge\":1" + "0".repeat(400) + ",\"long\":12345678901234567890123,\"tiny\":0.00000000000000000001,"
      + "\"z\":{\"empty\":{},\"list\":[1,{\"deep\":[null,true,\"é\\u0000😀\"]},[]]},\"ключ\":\"значение\"}";

  /** A participant name with the characters a careless column or encoder loses. */
  public static final String NAME = "Zoë \"the agent\" 🤖";

  private PartFixtures() {}

  /** Every byte value 0..255 ascending, then descending: 512 bytes. */
  public static byte[] allBytes() {
    byte[] bytes = new byte[512];
    for (int i = 0; i < 256; i++) {
      bytes[i] = (byte) i;
      bytes[511 - i] = (byte) i;
    }
    return bytes;
  }

  /** An OpenAI-style encrypted reasoning payload: long opaque base64 text. */
  public static String encryptedPayload() {
    StringBuilder sb = new StringBuilder("gAAAAAB");
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 12_000; i++) {
      sb.append(alphabet.charAt((i * 31 + i / 7) % alphabet.length()));
    }
    return sb.append("==").toString();
  }

  /** A part type a newer version wrote, with fields of every JSON kind. */
  public static UnknownPart unknownPart() {
    return new UnknownPart("citation", Map.of(
        "source", "{\"url\":\"https://example.org/a?b=1\",\"pages\":[1,2,3]}",
        "confidence", "0.950",
        "quote", "\"nul \\u0000 and 𝄞\"",
        "verified", "false",
        "note", "null"));
  }

  /** One part of every type, each type's optional fields set, fields of a newer version on known types. */
  public static List<Part> everyPart() {
    return List.of(
        new TextPart("Here is the chart 📈 " + NEEDLE + " \u0000 done. "),
        ReasoningPart.signed("thinking: 𝕳𝖊𝖑𝖑𝖔 \u0000 step 1", SIGNATURE),
        ReasoningPart.encrypted("summary of hidden reasoning", encryptedPayload()),
        MediaPart.inline("image/png", allBytes()).withFileName("chart – ü 😀.png"),
        MediaPart.reference("application/pdf", NON_ASCII_URI),
        unknownPart(),
        new TextPart("Second text, after media.", Map.of("cache_control", "{\"type\":\"ephemeral\"}")),
        new ReasoningPart("plain reasoning", Optional.empty(), Optional.empty(), Map.of("budget", "1024")),
        new MediaPart("audio/wav", Optional.of("s3://bucket/../x/clip.wav"), Optional.empty(),
            Optional.of("clip.wav"), Map.of("durationMs", "1500", "transcript", "\"hi\"")));
  }

  /** The text parts of {@link #everyPart()} joined: its content. */
  public static String everyPartContent() {
    return "Here is the chart 📈 " + NEEDLE + " \u0000 done. Second text, after media.";
  }

  /**
   * An ASSISTANT message with {@link #everyPart()}, attributes, a name, full metadata and two tool calls,
   * the second with arguments the model sent malformed.
   */
  public static NewMessage everything() {
    return NewMessage.builder(Role.ASSISTANT)
        .parts(everyPart())
        .attributes(ATTRIBUTES)
        .name(NAME)
        .metadata(Fixtures.fullMessageMetadata())
        .toolCall(new ToolCall("call_ok", "search", "{\"q\":\"weather\"}"))
        .toolCall(new ToolCall("call_broken", "search", "{\"q\": \"unterminated"))
        .build();
  }
}
