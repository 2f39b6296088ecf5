package dev.chatstore.examples.cli;

/** The chat CLI's exit codes: one per kind of failure, so scripts can tell them apart. */
public enum ExitCode {
  OK(0),
  /** Something went wrong that is not the user's input: a bug. */
  INTERNAL_ERROR(1),
  /** An unknown command or option. */
  USAGE(2),
  /** A command or option is missing its argument. */
  MISSING_ARGUMENT(3),
  /** No chat (or message) has that id, or it belongs to another user. */
  UNKNOWN_ID(4),
  /** The id is not an id at all: wrong characters, a path, too long. */
  INVALID_ID(5),
  /** The file to import does not exist or cannot be read. */
  FILE_NOT_READABLE(6),
  /** The file is not a chat-store export, or a broken one. */
  BAD_FILE(7),
  /** The operation clashes with what is stored: an id that already exists, a deleted chat. */
  CONFLICT(8),
  /** An argument has a wrong value: a page number, a format, a blank title. */
  INVALID_VALUE(9),
  /** The store could not be opened or written (locked by another process, disk full...). */
  STORAGE_UNAVAILABLE(10),
  /** Stored data could not be read back. */
  CORRUPT_DATA(11),
  /** The export could not be written to the --output file. */
  OUTPUT_NOT_WRITABLE(12);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
