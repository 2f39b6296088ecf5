package dev.chatstore.file.internal;

/**
 * A line of a store file that does not parse or does not fit the format; turned into a
 * {@link dev.chatstore.CorruptDataException} (or a torn tail) by whoever knows the file and line.
 * {@link #syntax()} tells a line that is not JSON at all (what a cut-short write leaves) from one
 * that is JSON but not a valid event; an {@link UnopenedLine} is a message's line whose sealed values
 * do not open, which a replay keeps as damage to that message alone.
 */
class BadLine extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean syntax;

  BadLine(String problem) {
    this(problem, null, false);
  }

  BadLine(String problem, Throwable cause) {
    this(problem, cause, false);
  }

  private BadLine(String problem, Throwable cause, boolean syntax) {
    super(problem, cause);
    this.syntax = syntax;
  }

  /** A line that is not valid JSON. */
  static BadLine syntax(String problem, Throwable cause) {
    return new BadLine(problem, cause, true);
  }

  boolean syntax() {
    return syntax;
  }
}
