package dev.chatstore.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for an LLM client: turns a reply into the small token-sized chunks a real model streams,
 * so the examples run offline and deterministically.
 */
final class SimulatedModel {
  private SimulatedModel() {}

  /** {@code text} split into chunks of about four characters, the size of a typical token. */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int end = Math.min(text.length(), i + 4);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end++; // never split an emoji between two chunks
      }
      tokens.add(text.substring(i, end));
      i = end;
    }
    return tokens;
  }
}
