package dev.chatstore.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.TextPart;
import dev.chatstore.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one stream write adds to a streamed message, on both of its channels: answer {@code text},
 * {@code reasoning} text, the reasoning's provider {@code signature} (the latest one given wins),
 * {@code toolCalls}, and {@code attachments} (parts other than text, in the order added). Deltas add
 * up ({@link #plus}): a backend keeps each write's delta, or their sum, and the sum of a stream's
 * deltas is what it holds so far. {@link #parts()} is the one rule for the parts that makes, read
 * mid-stream, at the end and after recovery alike.
 *
 * <p>{@link #extrasJson()} is what a backend stores of a delta beyond its text and tool calls, and
 * {@link #withExtras} reads it back; a delta with text and tool calls only has no extras, so a
 * text-only stream is stored exactly as before reasoning could stream.
 */
public record StreamDelta(String text, String reasoning, Optional<String> signature, List<ToolCall> toolCalls,
    List<Part> attachments) {
  /** Nothing at all. */
  public static final StreamDelta EMPTY = new StreamDelta("", "", Optional.empty(), List.of(), List.of());

  public StreamDelta {
    Checks.notNull(text, "text");
    Checks.notNull(reasoning, "reasoning");
    Checks.notNull(signature, "signature");
    toolCalls = Checks.list(toolCalls, "toolCalls");
    attachments = Checks.list(attachments, "attachments");
  }

  /** Answer text and tool calls only. */
  public static StreamDelta of(String text, List<ToolCall> toolCalls) {
    return new StreamDelta(text, "", Optional.empty(), toolCalls, List.of());
  }

  public boolean isEmpty() {
    return text.isEmpty() && !hasExtras() && toolCalls.isEmpty();
  }

  /** True if the delta holds more than text and tool calls: reasoning, a signature or attachments. */
  public boolean hasExtras() {
    return !reasoning.isEmpty() || signature.isPresent() || !attachments.isEmpty();
  }

  /** This delta followed by {@code later}: texts joined, lists joined, the later signature if it has one. */
  public StreamDelta plus(StreamDelta later) {
    if (later.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return later;
    }
    return new StreamDelta(text + later.text, reasoning + later.reasoning,
        later.signature.isPresent() ? later.signature : signature, joined(toolCalls, later.toolCalls),
        joined(attachments, later.attachments));
  }

  /**
   * True if this delta (a write tried again after a failure) begins with {@code landed} (a delta stored
   * by the failed attempt whose answer was lost): each text starts with landed's, each list with as many
   * items. The engine puts a failed write's content first in the next one, so a repeat always does.
   */
  public boolean startsWith(StreamDelta landed) {
    return text.startsWith(landed.text) && reasoning.startsWith(landed.reasoning)
        && toolCalls.size() >= landed.toolCalls.size() && attachments.size() >= landed.attachments.size();
  }

  /** What this delta adds once {@code landed}, its head ({@link #startsWith}), is stored: the rest. */
  public StreamDelta after(StreamDelta landed) {
    return new StreamDelta(text.substring(landed.text.length()), reasoning.substring(landed.reasoning.length()),
        signature, toolCalls.subList(landed.toolCalls.size(), toolCalls.size()),
        attachments.subList(landed.attachments.size(), attachments.size()));
  }

  /**
   * The parts of a streamed message holding this: a reasoning part (with the signature) if any
   * reasoning or a signature streamed, then a text part if any text did, then the attachments in the
   * order added.
   */
  public List<Part> parts() {
    List<Part> parts = new ArrayList<>(attachments.size() + 2);
    if (!reasoning.isEmpty() || signature.isPresent()) {
      parts.add(new ReasoningPart(reasoning, signature, Optional.empty(), Map.of()));
    }
    if (!text.isEmpty()) {
      parts.add(new TextPart(text));
    }
    parts.addAll(attachments);
    return parts;
  }

  /**
   * The delta's reasoning, signature and attachments as one JSON object to store beside its text
   * ({@code {"reasoning": "...", "signature": "...", "attachments": [...]}}, each field left out when
   * empty); empty when it has none.
   */
  public Optional<String> extrasJson() {
    if (!hasExtras()) {
      return Optional.empty();
    }
    ObjectNode o = Json.MAPPER.getNodeFactory().objectNode();
    if (!reasoning.isEmpty()) {
      o.put("reasoning", reasoning);
    }
    signature.ifPresent(s -> o.put("signature", s));
    if (!attachments.isEmpty()) {
      o.set("attachments", PartJson.parts(attachments));
    }
    return Optional.of(Json.write(o));
  }

  /**
   * This delta with the extras {@link #extrasJson()} stored (none if empty). Throws
   * {@link InvalidInputException} naming the field under {@code path} for extras it cannot read.
   */
  public StreamDelta withExtras(Optional<String> extrasJson, String path) {
    Checks.notNull(extrasJson, path);
    if (extrasJson.isEmpty()) {
      return this;
    }
    JsonNode o = Json.parse(extrasJson.get(), path);
    if (!o.isObject()) {
      throw new InvalidInputException(path, "must be a JSON object");
    }
    JsonNode r = o.get("reasoning");
    JsonNode s = o.get("signature");
    JsonNode a = o.get("attachments");
    if (r != null && !r.isTextual()) {
      throw new InvalidInputException(path + ".reasoning", "must be a string");
    }
    if (s != null && !s.isTextual()) {
      throw new InvalidInputException(path + ".signature", "must be a string");
    }
    return new StreamDelta(text, r == null ? reasoning : reasoning + r.textValue(),
        s == null ? signature : Optional.of(s.textValue()), toolCalls,
        a == null ? attachments : joined(attachments, PartJson.parts(a, path + ".attachments")));
  }

  private static <T> List<T> joined(List<T> a, List<T> b) {
    if (b.isEmpty()) {
      return a;
    }
    if (a.isEmpty()) {
      return b;
    }
    List<T> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
