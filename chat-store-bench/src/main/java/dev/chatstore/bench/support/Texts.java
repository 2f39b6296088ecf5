package dev.chatstore.bench.support;

import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * The text benchmarks write: fixed, so every run and every backend stores the same bytes. A message
 * is 200 chars (a short chat turn); a token is 4 chars, the size the streaming issue names. Stateless.
 */
public final class Texts {
  /** Characters in one benchmark message. */
  public static final int MESSAGE_CHARS = 200;
  /** Characters in one streamed token. */
  public static final int TOKEN_CHARS = 4;

  private static final String LOREM = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor"
      + " incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco"
      + " laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate. ";
  private static final String MESSAGE = LOREM.substring(0, MESSAGE_CHARS);
  private static final String[] TOKENS = tokens();

  private Texts() {}

  /** The content of every benchmark message. */
  public static String message() {
    return MESSAGE;
  }

  /** Token {@code i} of a streamed reply (4 chars; cycles through the sample text). */
  public static String token(int i) {
    return TOKENS[i % TOKENS.length];
  }

  /** {@code count} messages alternating USER and ASSISTANT, as a conversation holds them. */
  public static List<NewMessage> conversation(int count) {
    List<NewMessage> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(NewMessage.builder(i % 2 == 0 ? Role.USER : Role.ASSISTANT).content(MESSAGE).build());
    }
    return out;
  }

  private static String[] tokens() {
    int count = LOREM.length() / TOKEN_CHARS;
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      out[i] = LOREM.substring(i * TOKEN_CHARS, (i + 1) * TOKEN_CHARS);
    }
    return out;
  }
}
