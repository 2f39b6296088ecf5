package dev.chatstore.file.internal;

import dev.chatstore.CorruptDataException;
import dev.chatstore.file.internal.Event.MessageAppended;
import dev.chatstore.spi.FieldCipher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a session file into a {@link LoadedSession} in one sequential pass.
 *
 * <p>Damage at the end is what a crash leaves and is ignored (and logged): bytes after the last
 * newline, an unparsable last line, or an {@code appendAll} batch whose lines stop early. The good
 * part ends where that tail begins; the next append sets the tail aside first. Damage anywhere
 * else is not a crash's doing: it throws {@link CorruptDataException} naming the file and line, and
 * nothing is changed or deleted. Blank lines are skipped, and so are lines of events a newer
 * version wrote ({@link Event.Unknown}, logged): they stay in the file, inside its good part, so no
 * write ever goes over them.
 *
 * <p>On an encrypting store, a message's line whose sealed values do not open ({@link UnopenedLine})
 * damages that message only: its clear fields are folded in its place and the message is marked
 * ({@link Damage}, logged), so the session loads and its other messages read. The line's key id is
 * noted as {@link LineCipher#CLEAR}: a rotation cannot seal it anew, so the file stays due and the
 * rotation stops at it rather than say done.
 */
final class SessionLog {
  private static final Logger LOG = LoggerFactory.getLogger(SessionLog.class);

  private SessionLog() {}

  /**
   * The session in {@code file}, its sealed values opened with {@code cipher}; I/O errors (including a
   * missing file) are the caller's, and so is a {@link dev.chatstore.crypto.MissingKeyException} for a
   * value whose key the cipher does not have.
   */
  static LoadedSession load(Path file, String sessionId, FieldCipher cipher) throws IOException {
    LoadedSession session = new LoadedSession(sessionId);
    Replay replay = new Replay(session, file, cipher);
    if (Files.isSymbolicLink(file)) { // could point anywhere: the store reads only its own files
      throw new CorruptDataException(file.toString(), "is a symbolic link; session files must be regular files");
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      long size = LineScanner.scan(in, Long.MAX_VALUE, replay);
      replay.end(size);
      session.sealedWith(replay.lines.keyIds());
      session.keptKeyIds = replay.lines.keptKeyIds();
    } catch (BadLine e) {
      throw corrupt(file, replay.failedLine, e);
    }
    return session;
  }

  static CorruptDataException corrupt(Path file, long lineNo, BadLine e) {
    return new CorruptDataException(file + " line " + lineNo, e.getMessage(), e);
  }

  /** A line of a batch, held back until the batch is complete; {@code damage} null if it opened. */
  private record Held(Event event, Damage damage, long offset, int length, long lineNo) {}

  /** Folds lines as they come, holding back a batch until its last line is there. */
  private static final class Replay implements LineScanner.Lines {
    private final LoadedSession session;
    private final Path file;
    private final LineCipher lines;
    private boolean headerSeen;
    private long failedLine;
    private BadLine unparsable; // the latest line, if it did not parse: torn if nothing follows
    private final List<Held> batch = new ArrayList<>();
    private int batchRemaining;
    private long batchOffset;
    private int skipped; // lines of events this version does not know
    private long firstSkipped;
    private String firstSkippedName;

    Replay(LoadedSession session, Path file, FieldCipher cipher) {
      this.session = session;
      this.file = file;
      this.lines = new LineCipher(cipher, session.id, id -> {
        MessageSlot slot = session.byId.get(id); // a batch's lines are new messages: not there yet, place 0
        return slot == null ? 0 : slot.lineCount();
      });
    }

    @Override
    public void line(byte[] buf, int off, int len, long offset, long lineNo) throws BadLine {
      if (LineScanner.isBlank(buf, off, len)) {
        if (unparsable == null && batchRemaining == 0) {
          session.validLength = offset + len + 1;
          session.lines = lineNo;
        }
        return;
      }
      if (unparsable != null) { // a bad line with more after it: not a torn tail
        throw unparsable;
      }
      failedLine = lineNo;
      try {
        if (!headerSeen) {
          session.header = SessionHeader.read(buf, off, len, offset);
          headerSeen = true;
          session.validLength = offset + len + 1;
          session.lines = lineNo;
          return;
        }
        Event event;
        Damage damage = null;
        try {
          event = EventReader.read(buf, off, len, lines);
        } catch (UnopenedLine e) {
          event = e.shape();
          damage = e.damage(lineNo);
          lines.clear();
          LOG.warn("{}", damage.at(file, e.messageId()).getMessage());
        }
        line(event, damage, offset, len, lineNo);
      } catch (BadLine e) {
        if (!e.syntax()) {
          throw e; // whole JSON that is not a valid event: a crash does not write that
        }
        unparsable = e;
      }
    }

    private void line(Event event, Damage damage, long offset, int len, long lineNo) throws BadLine {
      if (batchRemaining > 0) {
        if (!(event instanceof MessageAppended a) || a.batch() != 0) {
          throw new BadLine("a batch of messages ends early: " + batchRemaining + " more were expected");
        }
        batch.add(new Held(event, damage, offset, len, lineNo));
        if (--batchRemaining == 0) {
          applyBatch(offset + len + 1, lineNo);
        }
        return;
      }
      if (event instanceof MessageAppended a && a.batch() > 1) {
        batchOffset = offset;
        batchRemaining = a.batch() - 1;
        batch.add(new Held(event, damage, offset, len, lineNo));
        return;
      }
      if (event instanceof Event.Unknown u && skipped++ == 0) {
        firstSkipped = lineNo;
        firstSkippedName = u.name();
      }
      session.apply(event, offset, len, lineNo, damage);
      session.validLength = offset + len + 1;
      session.lines = lineNo;
    }

    private void applyBatch(long end, long lastLine) throws BadLine {
      for (Held e : batch) {
        failedLine = e.lineNo();
        session.apply(e.event(), e.offset(), e.length(), e.lineNo(), e.damage());
      }
      batch.clear();
      session.validLength = end;
      session.lines = lastLine;
    }

    @Override
    public void tail(byte[] buf, int len, long offset, long lineNo) throws BadLine {
      if (unparsable != null && !LineScanner.isBlank(buf, 0, len)) {
        throw unparsable;
      }
    }

    void end(long size) throws BadLine {
      session.fileLength = size;
      if (batchRemaining > 0) { // an appendAll cut short: none of it was acknowledged
        session.validLength = batchOffset;
        batch.clear();
      }
      if (size > session.validLength) {
        LOG.warn("{}: ignoring {} bytes after byte {} (a write cut short by a crash); they will be moved to"
            + " {} before the next write to this session", file, size - session.validLength,
            session.validLength, file.getFileName() + ".torn");
      }
      if (skipped > 0) {
        LOG.warn("{}: read past {} line(s) of events this version does not know, written by a newer one (the"
            + " first: line {}, \"{}\"); they are kept in the file", file, skipped, firstSkipped, firstSkippedName);
      }
      if (!session.isCreated()) {
        failedLine = 1;
        throw new BadLine("the file holds no session (no \"session.created\" line)");
      }
    }
  }
}
