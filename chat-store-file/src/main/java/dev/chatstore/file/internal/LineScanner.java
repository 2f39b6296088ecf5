package dev.chatstore.file.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a file once, front to back, handing out each newline-terminated line with its byte offset
 * and 1-based line number; bytes after the last newline are reported apart as the tail. One pass,
 * a 64 KB buffer, lines of any length.
 */
final class LineScanner {
  private static final int CHUNK = 64 * 1024;

  /** Receives the lines of a file in order. {@code buf} is only valid during the call. */
  interface Lines {
    void line(byte[] buf, int off, int len, long offset, long lineNo) throws BadLine;

    /** Bytes after the last newline (never empty). */
    void tail(byte[] buf, int len, long offset, long lineNo) throws BadLine;
  }

  private LineScanner() {}

  /** Scans at most {@code limit} bytes of {@code in}; returns how many bytes were read. */
  static long scan(InputStream in, long limit, Lines lines) throws IOException, BadLine {
    byte[] chunk = new byte[CHUNK];
    byte[] pending = new byte[0]; // a line started in an earlier chunk
    int pendingLen = 0;
    long position = 0;
    long lineStart = 0;
    long lineNo = 1;
    while (position < limit) {
      int n = in.read(chunk, 0, (int) Math.min(CHUNK, limit - position));
      if (n < 0) {
        break;
      }
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (chunk[i] != '\n') {
          continue;
        }
        if (pendingLen == 0) {
          lines.line(chunk, start, i - start, lineStart, lineNo);
        } else {
          pending = grow(pending, pendingLen + i - start);
          System.arraycopy(chunk, start, pending, pendingLen, i - start);
          lines.line(pending, 0, pendingLen + i - start, lineStart, lineNo);
          pendingLen = 0;
        }
        lineNo++;
        start = i + 1;
        lineStart = position + start;
      }
      if (start < n) {
        pending = grow(pending, pendingLen + n - start);
        System.arraycopy(chunk, start, pending, pendingLen, n - start);
        pendingLen += n - start;
      }
      position += n;
    }
    if (pendingLen > 0) {
      lines.tail(pending, pendingLen, lineStart, lineNo);
    }
    return position;
  }

  /** True if {@code buf[off, off + len)} is only spaces, tabs and carriage returns: a line to skip. */
  static boolean isBlank(byte[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static byte[] grow(byte[] buf, int needed) {
    return needed <= buf.length ? buf : Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
  }
}
