package dev.chatstore.manager;

import dev.chatstore.spi.Checks;
import dev.chatstore.internal.manager.TitleCutter;

/**
 * Makes a chat's title from its first user message when the host gave none. The default,
 * {@link #firstWords()}, keeps the start of the message; a host may plug in its own (a model call
 * that summarises, say). Implementations must be thread-safe and must not throw for any text.
 */
@FunctionalInterface
public interface TitleGenerator {
  /** Titles of {@link #firstWords()} hold about this many user-perceived characters. */
  int DEFAULT_LENGTH = 50;

  /** A title for a chat that starts with {@code firstUserMessage}; empty if nothing usable is in it. */
  String title(String firstUserMessage);

  /** {@link #firstWords(int)} at {@value #DEFAULT_LENGTH} characters. */
  static TitleGenerator firstWords() {
    return firstWords(DEFAULT_LENGTH);
  }

  /**
   * The message's start with whitespace collapsed, cut at a word boundary to at most
   * {@code maxLength} user-perceived characters (grapheme clusters, so an emoji, a ZWJ sequence or a
   * letter with its accents counts as one) and ended with "…" when cut. A single word longer than
   * the budget (or text without spaces, as in Chinese or Japanese) is cut between clusters. Never
   * longer than {@code 8 * maxLength} UTF-16 chars, however many marks a cluster stacks.
   */
  static TitleGenerator firstWords(int maxLength) {
    if (maxLength < 2) {
      throw new dev.chatstore.InvalidInputException("maxLength", "must be at least 2, was " + maxLength);
    }
    return text -> TitleCutter.cut(Checks.notNull(text, "firstUserMessage"), maxLength, maxLength * 8);
  }
}
