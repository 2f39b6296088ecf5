package dev.chatstore.spi;

import dev.chatstore.InvalidInputException;
import dev.chatstore.MediaPart;
import dev.chatstore.Part;
import dev.chatstore.PartLimits;
import dev.chatstore.ReasoningPart;
import dev.chatstore.TextPart;
import dev.chatstore.ToolResult;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StoreLimits;
import dev.chatstore.ToolCall;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.ChatMetadataCodec;
import dev.chatstore.metadata.JsonLimits;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.metadata.MessageMetadataCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The size rules every backend applies before writing, so the same input is refused the same way
 * everywhere and nothing is half-written. Records already refuse malformed values; this adds the
 * store's {@link StoreLimits}. Also the one place metadata is encoded for storage. Thread-safe.
 */
public final class InputRules {
  private final StoreLimits limits;
  private final ChatMetadataCodec chatCodec;
  private final MessageMetadataCodec messageCodec;

  public InputRules(StoreLimits limits) {
    this.limits = Checks.notNull(limits, "limits");
    this.chatCodec = new ChatMetadataCodec(limits.metadata());
    this.messageCodec = new MessageMetadataCodec(limits.metadata());
  }

  public StoreLimits limits() {
    return limits;
  }

  public ChatMetadataCodec chatCodec() {
    return chatCodec;
  }

  public MessageMetadataCodec messageCodec() {
    return messageCodec;
  }

  /** Checks a new session; returns its metadata encoded for storage, so no backend encodes it twice. */
  public String check(NewSession session) {
    Checks.notNull(session, "session");
    title(session.title());
    String metadata = encode(session.metadata());
    JsonChecks.check(session.stateJson(), limits.documents(), "stateJson");
    return metadata;
  }

  public void check(SessionUpdate update) {
    Checks.notNull(update, "update");
    update.title().ifPresent(this::title);
    update.metadata().ifPresent(this::encode);
    update.stateJson().ifPresent(s -> JsonChecks.check(s, limits.documents(), "stateJson"));
  }

  /** Checks a message; returns its metadata encoded for storage, so no backend encodes it twice. */
  public String check(NewMessage message) {
    Checks.notNull(message, "message");
    content(message.content(), "content");
    parts(message.parts(), "parts");
    JsonChecks.check(message.attributesJson(), limits.attributes(), "attributesJson");
    toolCalls(message.toolCalls(), "toolCalls");
    toolResults(message.toolResults(), "toolResults");
    message.createdAt().ifPresent(at -> Times.storable(at, "createdAt"));
    return encode(message.metadata());
  }

  /**
   * Checks a batch and every message in it, naming the failing one as {@code messages[i]}; returns
   * each message's metadata encoded for storage, in order.
   */
  public List<String> checkBatch(List<NewMessage> messages) {
    Checks.notNull(messages, "messages");
    if (messages.isEmpty()) {
      throw new InvalidInputException("messages", "must hold at least one message");
    }
    if (messages.size() > limits.maxBatchSize()) {
      throw new InvalidInputException("messages",
          "holds " + messages.size() + " messages, more than the limit of " + limits.maxBatchSize());
    }
    Map<String, Integer> firstById = new HashMap<>();
    List<String> metadata = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      NewMessage m = messages.get(i);
      String prefix = "messages[" + i + "]";
      Checks.notNull(m, prefix);
      Integer first = firstById.putIfAbsent(m.id(), i);
      if (first != null) {
        throw new InvalidInputException(prefix + ".id", "repeats the id of messages[" + first + "]");
      }
      metadata.add(Checks.under(prefix, () -> check(m)));
    }
    return metadata;
  }

  public void check(MessageUpdate update) {
    Checks.notNull(update, "update");
    update.metadata().ifPresent(this::encode);
    update.parts().ifPresent(p -> {
      parts(p, "parts"); // first, so a bad text names its part
      content(MessageBody.text(p), "content");
    });
    update.revisedAt().ifPresent(at -> Times.storable(at, "revisedAt"));
  }

  public void toolCalls(List<ToolCall> calls, String field) {
    if (calls.size() > limits.maxToolCallsPerMessage()) {
      throw new InvalidInputException(field,
          "holds " + calls.size() + " calls, more than the limit of " + limits.maxToolCallsPerMessage());
    }
    for (int i = 0; i < calls.size(); i++) {
      arguments(calls.get(i), limits.documents(), field + "[" + i + "].argumentsJson");
    }
  }

  /**
   * A call's arguments within the document limits: as JSON when well-formed, by length when the model
   * sent them malformed (kept as text). Static for the stream path, which holds limits, not rules.
   */
  public static void arguments(ToolCall call, JsonLimits documents, String field) {
    if (call.malformed()) {
      Checks.maxLength(call.argumentsJson(), field, documents.maxChars());
    } else {
      JsonChecks.check(call.argumentsJson(), documents, field);
    }
  }

  /** A message's tool results: JSON outputs within the document limits, text outputs within their length. */
  public void toolResults(List<ToolResult> results, String field) {
    if (results.size() > limits.maxToolCallsPerMessage()) {
      throw new InvalidInputException(field,
          "holds " + results.size() + " results, more than the limit of " + limits.maxToolCallsPerMessage());
    }
    for (int i = 0; i < results.size(); i++) {
      ToolResult result = results.get(i);
      String at = field + "[" + i + "].output";
      if (result.format() == ToolResult.OutputFormat.JSON) {
        JsonChecks.check(result.output(), limits.documents(), at);
      } else {
        Checks.maxLength(result.output(), at, limits.documents().maxChars());
      }
    }
  }

  /**
   * A message's parts within {@link PartLimits}: how many, each field's length, the inline bytes and
   * the whole; every text field well-formed. Errors name the part as {@code parts[i]}.
   */
  public void parts(List<Part> parts, String field) {
    PartLimits max = limits.parts();
    if (parts.size() > max.maxParts()) {
      throw new InvalidInputException(field,
          "holds " + parts.size() + " parts, more than the limit of " + max.maxParts());
    }
    long total = 0;
    long inline = 0;
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      String at = field + "[" + i + "]";
      total += part(part, max, at);
      if (part instanceof MediaPart media && media.bytes().isPresent()) {
        inline += media.bytes().get().size();
        if (inline > max.maxInlineBytes()) {
          throw new InvalidInputException(at + ".bytes", "brings the message's inline bytes to " + inline
              + ", more than the limit of " + max.maxInlineBytes() + " (keep bigger media by reference)");
        }
      }
      if (total > max.maxMessageSize()) {
        throw new InvalidInputException(at, "brings the message's parts to " + total
            + " (chars and inline bytes), more than the limit of " + max.maxMessageSize());
      }
    }
  }

  /**
   * One part's fields within {@link PartLimits#maxPartChars()} and well-formed, errors naming them
   * under {@code at}; returns what the part counts toward {@link PartLimits#maxMessageSize()} (its
   * chars and inline bytes). Static for the stream path, which holds limits, not rules.
   */
  public static long part(Part part, PartLimits max, String at) {
    Checks.notNull(part, at);
    long size = 0;
    for (Map.Entry<String, String> text : partTexts(part).entrySet()) {
      String f = at + "." + text.getKey();
      Checks.wellFormed(text.getValue(), f);
      if (text.getValue().length() > max.maxPartChars()) {
        throw new InvalidInputException(f, "is " + text.getValue().length()
            + " characters, more than the limit of " + max.maxPartChars() + " per part");
      }
      size += text.getValue().length();
    }
    for (Map.Entry<String, String> unknown : part.unknownFields().entrySet()) {
      if (unknown.getValue().length() > max.maxPartChars()) {
        throw new InvalidInputException(at + "." + unknown.getKey(), "is " + unknown.getValue().length()
            + " characters, more than the limit of " + max.maxPartChars() + " per part");
      }
      size += unknown.getKey().length() + unknown.getValue().length();
    }
    if (part instanceof MediaPart media && media.bytes().isPresent()) {
      size += media.bytes().get().size();
    }
    return size;
  }

  private static Map<String, String> partTexts(Part part) {
    Map<String, String> texts = new LinkedHashMap<>();
    if (part instanceof TextPart t) {
      texts.put("text", t.text());
    } else if (part instanceof ReasoningPart r) {
      texts.put("text", r.text());
      r.signature().ifPresent(v -> texts.put("signature", v));
      r.encrypted().ifPresent(v -> texts.put("encrypted", v));
    } else if (part instanceof MediaPart m) {
      texts.put("mimeType", m.mimeType());
      m.uri().ifPresent(v -> texts.put("uri", v));
      m.fileName().ifPresent(v -> texts.put("fileName", v));
    }
    return texts;
  }

  public void content(String content, String field) {
    Checks.wellFormed(content, field);
    if (content.length() > limits.maxContentChars()) {
      throw new InvalidInputException(field,
          "is " + content.length() + " characters, more than the limit of " + limits.maxContentChars());
    }
  }

  public void title(String title) {
    Checks.wellFormed(title, "title");
    Checks.maxLength(title, "title", limits.maxTitleChars());
  }

  /** Validated JSON for storage. */
  public String encode(ChatMetadata metadata) {
    return chatCodec.encode(Checks.notNull(metadata, "metadata"));
  }

  /** Validated JSON for storage. */
  public String encode(MessageMetadata metadata) {
    return messageCodec.encode(Checks.notNull(metadata, "metadata"));
  }
}
