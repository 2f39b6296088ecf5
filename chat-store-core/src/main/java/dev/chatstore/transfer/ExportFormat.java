package dev.chatstore.transfer;

import dev.chatstore.InvalidInputException;
import dev.chatstore.spi.Checks;
import java.util.Locale;

/**
 * The forms a session is exported in. JSON and JSONL hold the same data in the versioned format
 * of docs/EXPORT-FORMAT.md and import back identically; Markdown is for people and does not import.
 */
public enum ExportFormat {
  /** One canonical JSON document: the chat, then its messages in an array. */
  JSON("json"),
  /** A header line with the chat, then one line per message: streams and appends well. */
  JSONL("jsonl"),
  /** A readable transcript. */
  MARKDOWN("md");

  /** The value of the {@code format} field of every JSON and JSONL export. */
  public static final String FORMAT_NAME = "chat-store-session";
  /**
   * The format version this library writes and the newest it reads: 2, which added message parts,
   * attributes, names, several and text tool results, malformed tool calls and conversation keys.
   * Version 1 exports are read as ever.
   */
  public static final int FORMAT_VERSION = 2;

  private final String extension;

  ExportFormat(String extension) {
    this.extension = extension;
  }

  /** The usual file extension, without the dot. */
  public String extension() {
    return extension;
  }

  /** True for the formats {@link SessionImporter} reads. */
  public boolean isImportable() {
    return this != MARKDOWN;
  }

  /** The format named {@code json}, {@code jsonl}, {@code md} or {@code markdown}, ignoring case. */
  public static ExportFormat named(String name) {
    Checks.notNull(name, "format");
    switch (name.toLowerCase(Locale.ROOT)) {
      case "json":
        return JSON;
      case "jsonl":
      case "ndjson":
        return JSONL;
      case "md":
      case "markdown":
        return MARKDOWN;
      default:
        throw new InvalidInputException("format", "must be json, jsonl or md, was \"" + name + "\"");
    }
  }
}
