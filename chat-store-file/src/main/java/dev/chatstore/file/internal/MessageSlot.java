package dev.chatstore.file.internal;

import dev.chatstore.MessageStatus;
import dev.chatstore.Role;
import dev.chatstore.SessionSummary;
import java.time.Instant;
import java.util.Arrays;

/**
 * What the in-memory index knows of one message without its content: where its lines are in the
 * session file (the line that created it, then every flush, finish, update and revision), its
 * status, times and revision number, while it streams the start of its content for the session
 * preview, and whether a line of it did not open ({@link #damage}). Guarded by the session's lock.
 */
final class MessageSlot {
  /** Enough of the content to cut a preview from it the way {@code Previews} does. */
  private static final int HEAD_CHARS = SessionSummary.PREVIEW_LENGTH + 1;

  final String id;
  final long seq;
  final Role role;
  MessageStatus status;
  Instant updatedAt;
  boolean hasToolCalls;
  /** 1 until a {@code message.revised} line gives the next. */
  int revision = 1;
  /** Null unless a line of the message did not open on replay: then every read of it throws. */
  private Damage damage;
  private String head = "";
  private long[] lines = new long[2]; // pairs: offset, (line number << 32 | length)
  private int lineCount;

  MessageSlot(String id, long seq, Role role, MessageStatus status, Instant updatedAt) {
    this.id = id;
    this.seq = seq;
    this.role = role;
    this.status = status;
    this.updatedAt = updatedAt;
  }

  void addLine(long offset, int length, long lineNo) {
    if (2 * lineCount + 2 > lines.length) {
      lines = Arrays.copyOf(lines, lines.length * 2);
    }
    lines[2 * lineCount] = offset;
    lines[2 * lineCount + 1] = (lineNo << 32) | (length & 0xFFFFFFFFL);
    lineCount++;
  }

  int lineCount() {
    return lineCount;
  }

  long lineOffset(int i) {
    return lines[2 * i];
  }

  int lineLength(int i) {
    return (int) lines[2 * i + 1];
  }

  long lineNo(int i) {
    return lines[2 * i + 1] >>> 32;
  }

  void addContent(String text) {
    if (head.length() < HEAD_CHARS && !text.isEmpty()) {
      String joined = head + text;
      head = joined.length() > HEAD_CHARS ? joined.substring(0, HEAD_CHARS) : joined;
    }
  }

  /** The start of the content: at least what a preview keeps (while the message is unfinished). */
  String head() {
    return head;
  }

  /** Forgets the start of the content: a final message's preview was taken when it ended. */
  void dropHead() {
    head = "";
  }

  /**
   * Marks the message unreadable for {@code why}, keeping the first damage found. Its tool calls cannot
   * be known, so it counts as having some: a tool pairing that could include it reads it, and throws.
   */
  void damaged(Damage why) {
    if (damage == null) {
      damage = why;
    }
    hasToolCalls = true;
  }

  Damage damage() {
    return damage;
  }

  boolean isDamaged() {
    return damage != null;
  }

  boolean isFinal() {
    return status.isFinal();
  }
}
