package dev.chatstore.spi;

import dev.chatstore.SessionSummary;

/** The preview a session summary shows: the start of the last message, never splitting a surrogate pair. */
public final class Previews {
  private Previews() {}

  public static String of(String content) {
    int max = SessionSummary.PREVIEW_LENGTH;
    if (content.length() <= max) {
      return content;
    }
    int end = Character.isHighSurrogate(content.charAt(max - 1)) ? max - 1 : max;
    return content.substring(0, end);
  }
}
