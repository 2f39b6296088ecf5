package dev.chatstore.spi;

import dev.chatstore.InvalidInputException;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StoreLimits;
import dev.chatstore.ToolCall;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.ChatMetadataCodec;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.metadata.MessageMetadataCodec;
import java.util.ArrayList;
import java.util.HashMap;
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
    toolCalls(message.toolCalls(), "toolCalls");
    message.toolResult().ifPresent(r ->
        JsonChecks.check(r.outputJson(), limits.documents(), "toolResult.outputJson"));
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
  }

  public void toolCalls(List<ToolCall> calls, String field) {
    if (calls.size() > limits.maxToolCallsPerMessage()) {
      throw new InvalidInputException(field,
          "holds " + calls.size() + " calls, more than the limit of " + limits.maxToolCallsPerMessage());
    }
    for (int i = 0; i < calls.size(); i++) {
      JsonChecks.check(calls.get(i).argumentsJson(), limits.documents(), field + "[" + i + "].argumentsJson");
    }
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
