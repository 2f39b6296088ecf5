package dev.chatstore;

import java.util.Map;

/**
 * One piece of a message's content, in order: {@link TextPart text}, {@link ReasoningPart reasoning},
 * {@link MediaPart media}, or an {@link UnknownPart} a newer version of this library wrote. A message's
 * {@link Message#content()} is its text parts joined.
 *
 * <p>Every part keeps the fields it does not know ({@link #unknownFields()}: name → canonical JSON),
 * so a part written by a newer version survives a read and re-write by this one unchanged.
 */
public sealed interface Part permits TextPart, ReasoningPart, MediaPart, UnknownPart {
  /** The part's type as stored: {@code text}, {@code reasoning}, {@code media}, or a newer type. */
  String type();

  /** Fields of this part written by a newer version, kept for the round trip (name → canonical JSON). */
  Map<String, String> unknownFields();

  /** A text part. */
  static TextPart text(String text) {
    return new TextPart(text);
  }

  /** A reasoning part without signature or encrypted payload. */
  static ReasoningPart reasoning(String text) {
    return new ReasoningPart(text);
  }
}
