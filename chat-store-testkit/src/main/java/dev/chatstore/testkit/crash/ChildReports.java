package dev.chatstore.testkit.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a child JVM reported on its stdout, parsed from {@link CrashChild}'s lines. Not thread-safe:
 * {@link ChildStore} guards it with its monitor.
 */
final class ChildReports {
  Optional<String> session = Optional.empty();
  Optional<String> stream = Optional.empty();
  final List<AcknowledgedAppend> appends = new ArrayList<>();
  int flushes;
  int flushedLength;
  int flushedReasoningLength;
  boolean open;
  boolean closed;
  boolean ended;
  String last = "none";

  /**
   * Takes one whole line; a line without a report (the store's or the JVM's own output) is ignored. A
   * report is written whole in one write, newline included, but other output written without a newline
   * just before it (a JVM warning printed in pieces) ends up at the start of its line: the report is
   * what follows the prefix.
   */
  void take(String line) {
    last = line;
    int at = line.lastIndexOf(CrashChild.PREFIX);
    if (at < 0) {
      return;
    }
    String[] words = line.substring(at + CrashChild.PREFIX.length()).split(" ");
    switch (words[0]) {
      case CrashChild.SESSION -> session = Optional.of(words[1]);
      case CrashChild.STREAM -> stream = Optional.of(words[1]);
      case CrashChild.ACK -> appends.add(new AcknowledgedAppend(Long.parseLong(words[1]), words[2]));
      case CrashChild.FLUSHED -> {
        flushes++;
        flushedLength = Integer.parseInt(words[1]);
        flushedReasoningLength = words.length > 2 ? Integer.parseInt(words[2]) : 0;
      }
      case CrashChild.OPEN -> open = true;
      case CrashChild.CLOSED -> closed = true;
      default -> throw new AssertionError("the child reported what no task reports: " + line);
    }
  }
}
