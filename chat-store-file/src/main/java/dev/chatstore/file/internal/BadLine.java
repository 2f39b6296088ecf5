package dev.chatstore.file.internal;

/**
 * A line of a store file that does not parse or does not fit the format; turned into a
 * {@link dev.chatstore.CorruptDataException} (or a torn tail) by whoever knows the file and line.
 */
final class BadLine extends Exception {
  private static final long serialVersionUID = 1L;

  BadLine(String problem) {
    super(problem);
  }

  BadLine(String problem, Throwable cause) {
    super(problem, cause);
  }
}
