package dev.chatstore.active;

import dev.chatstore.spi.Checks;

/**
 * Something the host put into an open chat's context: a file, a document excerpt, a note. {@code id}
 * is unique within the chat (adding an item with the same id replaces it); {@code kind} is the host's
 * own label ("file", "url", "note").
 *
 * @throws dev.chatstore.InvalidInputException from the constructor for a blank id or kind, or
 *     content over {@value #MAX_CONTENT_LENGTH} chars
 */
public record ContextItem(String id, String kind, String content) {
  /** Longest content accepted: 16 M UTF-16 chars, the store's default message limit. */
  public static final int MAX_CONTENT_LENGTH = 16 * 1024 * 1024;

  public ContextItem {
    Checks.ownerId(id, "context.id");
    Checks.ownerId(kind, "context.kind");
    Checks.maxLength(content, "context.content", MAX_CONTENT_LENGTH);
  }
}
