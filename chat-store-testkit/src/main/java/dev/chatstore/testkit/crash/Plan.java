package dev.chatstore.testkit.crash;

import dev.chatstore.NewMessage;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.TextPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the child writes, fixed in advance so that the test knows every message and every char it may
 * find after the kill, and so can tell a half-written or invented one from an acknowledged one.
 */
final class Plan {
  /** The owner of the session the child creates. */
  static final String OWNER = "crash-test";
  /** The stream flushes after every this many chunks. */
  static final int CHUNKS_PER_FLUSH = 3;

  private Plan() {}

  /** One planned message, as the test expects to find it. */
  record Planned(Role role, String content, boolean endsTurn) {}

  /** The messages of turn {@code t}: two, appended together, every fifth turn; one otherwise. */
  static List<NewMessage> turn(int t) {
    if (t % 5 == 4) {
      return List.of(NewMessage.user("batch " + t + " a ✓"), NewMessage.assistant("batch " + t + " b 😀"));
    }
    return List.of(NewMessage.user("message " + t + " ✓ 😀"));
  }

  /** The first {@code count} messages the child appends, in seq order. */
  static List<Planned> messages(int count) {
    List<Planned> planned = new ArrayList<>();
    for (int t = 0; planned.size() < count; t++) {
      List<NewMessage> turn = turn(t);
      for (int i = 0; i < turn.size(); i++) {
        planned.add(new Planned(turn.get(i).role(), turn.get(i).content(), i == turn.size() - 1));
      }
    }
    return planned.subList(0, count);
  }

  /** Chunk {@code i} of the streamed reply: numbered, so that a repeated or lost chunk shows. */
  static String chunk(int i) {
    return "chunk-" + i + " 😀\u0000|";
  }

  /** Reasoning chunk {@code i} of the two-channel reply: numbered, with what careless storage breaks. */
  static String reasoningChunk(int i) {
    return "thought-" + i + " 𝄞\u0000\"}|";
  }

  /** The signature the two-channel reply gives its reasoning before flush {@code f} (0 for the first). */
  static String signature(int f) {
    return " sig-" + f + "/+=😀\n";
  }

  /** The text of the two-channel reply after its first {@code flushes} flushes. */
  static String streamedText(int flushes) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < flushes * CHUNKS_PER_FLUSH; i++) {
      text.append(chunk(i));
    }
    return text.toString();
  }

  /** The reasoning of the two-channel reply after its first {@code flushes} flushes. */
  static String streamedReasoning(int flushes) {
    StringBuilder reasoning = new StringBuilder();
    for (int i = 0; i < flushes * CHUNKS_PER_FLUSH; i++) {
      reasoning.append(reasoningChunk(i));
    }
    return reasoning.toString();
  }

  /**
   * The parts of the two-channel reply after its first {@code flushes} flushes (at least one): the
   * reasoning with the signature given before the last of them, then the text.
   */
  static List<Part> channelParts(int flushes) {
    return List.of(new ReasoningPart(streamedReasoning(flushes), Optional.of(signature(flushes - 1)), Optional.empty(),
        Map.of()), new TextPart(streamedText(flushes)));
  }

  /** The streamed reply from its start, through the first flush boundary at or past {@code length}. */
  static String streamed(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < length || i % CHUNKS_PER_FLUSH != 0; i++) {
      text.append(chunk(i));
    }
    return text.toString();
  }
}
