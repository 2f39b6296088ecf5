package dev.chatstore.file.internal;

import dev.chatstore.CorruptDataException;
import dev.chatstore.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A key rotation's work on one session file: the file written anew with every value sealed under the
 * current key (temp file, forced, renamed over the old one, the folder forced, whatever the fsync
 * policy), line for line in the same order, so each value keeps its place and the session reads as
 * before. Lines of events a newer version wrote are copied as they are, so their keys stay needed: a
 * file whose other lines are current but that holds such a line under an old key is refused. A torn
 * tail is left out of the new file and {@code <id>.jsonl.torn} deleted (bytes never acknowledged, which
 * the store never reads); the loaded session is then the new file's, so an open stream's next flush
 * goes there. The only rewrite of a conversation the store ever makes, and only when asked to rotate.
 *
 * <p>Call under the session's lock. Throws what reading the file throws: {@code CorruptDataException}
 * for damage (a message whose line did not open on replay included, before anything is touched),
 * {@code MissingKeyException} for a value whose key is gone; the old file is then left as it was. An
 * I/O failure is {@code UnavailableException}; as it may come after the rename (the folder's force),
 * any failure unloads the session, so its next use replays the file that is there rather than write
 * to the replaced one or at its offsets.
 */
final class Reseal {
  private Reseal() {}

  /**
   * Rewrites the file of {@code s} unless it is sealed with the current key only; true if it did. A file
   * found current (the index was behind it after a kill) gets its key ids noted for the next index.
   */
  static boolean run(FileContext ctx, SessionHandle handle, LoadedSession s) throws IOException {
    String current = ctx.cipher.currentKeyId().orElseThrow(() -> new IllegalStateException("not encrypting"));
    if (!s.damaged.isEmpty()) { // it cannot be sealed anew, and dropping or copying it would hide it
      MessageSlot slot = s.damaged.get(0);
      throw new CorruptDataException(handle.file() + " line " + slot.damage().lineNo(), "key rotation cannot seal"
          + " session " + handle.id + " anew: the sealed values of message " + slot.id + " do not open ("
          + slot.damage().problem() + "); repair the line or purge the session");
    }
    if (LineCipher.isCurrent(s.keyIds, current)) {
      if (!LineCipher.isCurrent(s.keptKeyIds, current)) {
        throw new UnavailableException("key rotation cannot seal session " + handle.id + " anew: " + handle.file()
            + " holds lines of events a newer version wrote, sealed with key(s) " + s.keptKeyIds
            + ", which this version copies as they are; rotate with that version, and keep those keys until then");
      }
      if (!handle.summary().equals(Optional.of(s.summary()))) {
        ctx.sessions.changed(handle, s);
      }
      return false;
    }
    // A torn tail was never acknowledged and is never read: the new file leaves it out, and what earlier
    // writes set aside goes too, so nothing sealed with an old key (or in clear) outlives the rotation.
    Files.deleteIfExists(ctx.folder.tornFile(handle.id));
    Path file = handle.file();
    long end = s.validLength;
    LoadedSession fresh;
    try {
      fresh = ctx.writer.create(handle, sink -> copy(ctx, file, handle.id, end, sink), s.header.version(), true);
    } catch (IOException | RuntimeException e) {
      // the rename may have happened (a folder force that failed after it): the loaded session may
      // describe a file that is gone, so the next use replays whatever the file now is
      ctx.sessions.unload(handle);
      if (e instanceof IOException io) {
        throw Durable.unavailable("key rotation: rewriting", file, io);
      }
      throw e;
    }
    ctx.sessions.unload(handle); // closes the old file, which the rename already replaced
    ctx.sessions.adopt(handle, fresh);
    return true;
  }

  /** Reads the events of the file's good part, the header left out, and hands each to {@code sink}. */
  private static void copy(FileContext ctx, Path file, String sessionId, long end, SessionWriter.Sink sink)
      throws IOException {
    Map<String, Integer> places = new HashMap<>();
    LineCipher lines = new LineCipher(ctx.cipher, sessionId, id -> places.getOrDefault(id, 0));
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      LineScanner.scan(in, end, new LineScanner.Lines() {
        private boolean header = true;

        @Override
        public void line(byte[] buf, int off, int len, long offset, long lineNo) throws BadLine {
          if (LineScanner.isBlank(buf, off, len)) {
            return;
          }
          if (header) {
            header = false;
            return; // written anew
          }
          Event event;
          try {
            event = EventReader.read(buf, off, len, lines);
          } catch (BadLine e) {
            throw new BadLine("line " + lineNo + ": " + e.getMessage(), e);
          }
          Optional<String> message = EventCodec.messageId(event);
          message.ifPresent(id -> places.merge(id, 1, Integer::sum));
          try {
            sink.event(event);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public void tail(byte[] buf, int len, long offset, long lineNo) {
          // the good part ends with a newline: nothing past it is read
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (BadLine e) { // the file changed since it was replayed: a person edited it meanwhile
      throw new CorruptDataException(file.toString(), e.getMessage(), e);
    }
  }
}
