package dev.chatstore.examples.cli;

import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.manager.SessionManager;
import dev.chatstore.metadata.MessageMetadata;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for a language model: answers by echoing the user's words, streamed a word at a time
 * through a {@link MessageStream} as a real reply would be, and printed as each chunk arrives.
 */
final class EchoModel {
  static final String MODEL = "echo-simulator";

  private EchoModel() {}

  static Message reply(SessionManager manager, String userText, PrintStream out) {
    long started = System.nanoTime();
    List<String> chunks = chunks("Echo: " + userText);
    out.print("assistant> ");
    try (MessageStream stream = manager.openReply()) {
      for (String chunk : chunks) {
        stream.append(chunk);
        out.print(chunk);
        out.flush();
      }
      out.println();
      return stream.complete(MessageMetadata.builder()
          .model(MODEL)
          .usage(chunks(userText).size(), chunks.size())
          .finishReason("stop")
          .latency(Duration.ofNanos(System.nanoTime() - started))
          .build());
    }
  }

  // Word-sized chunks, each with the whitespace that follows it, as a model's tokens arrive.
  private static List<String> chunks(String text) {
    List<String> chunks = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i)) && (i + 1 == text.length()
          || !Character.isWhitespace(text.charAt(i + 1)))) {
        chunks.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      chunks.add(text.substring(start));
    }
    return chunks;
  }
}
