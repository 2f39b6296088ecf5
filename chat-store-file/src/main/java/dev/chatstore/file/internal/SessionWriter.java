package dev.chatstore.file.internal;

import dev.chatstore.CorruptDataException;
import dev.chatstore.file.internal.Event.MessageAppended;
import dev.chatstore.spi.FieldCipher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends events to a session file: all of them in one write at the end of the good part, forced
 * per the fsync policy, then folded into the loaded session. A torn tail left by a crash is first
 * moved to {@code ID.jsonl.torn} and cut off, so a new line never continues a broken one. If a
 * write fails it is cut off again, so a failed call leaves nothing behind. Before the first line that
 * needs a newer format version than the file's header names ({@link EventVersion}), the header's
 * number is raised in place and forced, so no version-1 reader ever sees such a line under a
 * version-1 header. Call under the lock.
 */
final class SessionWriter {
  private static final Logger LOG = LoggerFactory.getLogger(SessionWriter.class);

  private final Sessions sessions;
  private final Syncer syncer;
  private final FieldCipher cipher;

  SessionWriter(Sessions sessions, Syncer syncer, FieldCipher cipher) {
    this.sessions = sessions;
    this.syncer = syncer;
    this.cipher = cipher;
  }

  /** Where the events of a new file come from: hands each to {@code sink} in file order. */
  interface Source {
    void each(Sink sink) throws IOException;
  }

  /** Takes the events of a new file one at a time. */
  interface Sink {
    void event(Event event) throws IOException;
  }

  /**
   * Writes a new session file, header and events, all at once (a temporary file renamed into
   * place), and returns it loaded. Events are encoded as they are taken, so a large fork is never
   * held in memory whole; the header, written first, is raised to the version they turned out to
   * need before the file is renamed into place. The caller makes sure no file of that name exists.
   */
  LoadedSession create(SessionHandle handle, Iterator<? extends Event> events) throws IOException {
    return create(handle, sink -> {
      while (events.hasNext()) {
        sink.event(events.next());
      }
    }, SessionHeader.FIRST, syncer.syncs());
  }

  /**
   * Writes the file of {@code handle} anew from {@code source} ({@link #create(SessionHandle, Iterator)}
   * for a new session, a key rotation's rewrite of an existing one, which forces it whatever the
   * policy: the file it replaces held acknowledged data). The header names at least {@code minVersion}.
   * Every value is sealed with the current key, bound to this session.
   */
  LoadedSession create(SessionHandle handle, Source source, int minVersion, boolean sync) throws IOException {
    LoadedSession session = new LoadedSession(handle.id);
    LineCipher lines = new LineCipher(cipher, handle.id, id -> placeIn(session, id, 0));
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    Durable.replace(handle.file(), sync, (out, channel) -> {
      SessionHeader header = SessionHeader.write(line, SessionHeader.FIRST);
      int[] needed = {Math.max(header.version(), minVersion)};
      long[] offset = {line.size()};
      line.writeTo(out);
      session.lines = 1;
      source.each(event -> {
        needed[0] = Math.max(needed[0], EventVersion.of(event, lines.encrypts()));
        line.reset();
        EventCodec.write(event, line, lines);
        line.writeTo(out);
        long lineNo = session.lines + 1;
        try {
          session.apply(event, offset[0], line.size() - 1, lineNo);
        } catch (BadLine e) {
          throw new CorruptDataException(handle.file() + " line " + lineNo, e.getMessage(), e);
        }
        session.lines = lineNo;
        offset[0] += line.size();
      });
      out.close(); // flushes what is buffered, so the header is in the file to be written over
      if (needed[0] > header.version()) {
        Durable.writeFully(channel, ByteBuffer.wrap(header.versionText(needed[0])), header.versionOffset());
        header = header.raisedTo(needed[0]);
      }
      session.header = header;
      session.validLength = offset[0];
      session.fileLength = offset[0];
    });
    session.sealedWith(lines.keyIds());
    session.keptKeyIds = lines.keptKeyIds();
    return session;
  }

  /** The place of a message's next line: how many lines it has, plus those written before it in one call. */
  private static int placeIn(LoadedSession session, String messageId, int earlier) {
    MessageSlot slot = session.byId.get(messageId);
    return (slot == null ? 0 : slot.lineCount()) + earlier;
  }

  void append(SessionHandle handle, LoadedSession session, Event event) throws IOException {
    append(handle, session, List.of(event));
  }

  void append(SessionHandle handle, LoadedSession session, List<? extends Event> events) throws IOException {
    Written written = write(handle, session, events);
    try {
      syncer.written(written.channel());
    } catch (IOException e) {
      undo(written, e);
      throw e;
    }
    commit(written);
  }

  /**
   * Lines written at the end of a session file's good part, not yet forced nor folded into the loaded
   * session: what {@link #write} returns, for {@link #commit} or {@link #undo}.
   */
  record Written(SessionHandle handle, LoadedSession session, FileChannel channel, List<? extends Event> events,
      long start, int length, int[] ends, Set<String> keyIds) {}

  /**
   * The first half of {@link #append}: writes the events' lines (after setting a torn tail aside and
   * raising the header's version if need be) without forcing them. The caller then has the file
   * forced per the policy and calls {@link #commit}, or {@link #undo} if that failed, all under the
   * lock held since. A failed write is cut off again before this throws.
   */
  Written write(SessionHandle handle, LoadedSession session, List<? extends Event> events) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    int[] ends = new int[events.size()];
    Map<String, Integer> earlier = new HashMap<>(); // lines of this call before, per message, sealed or not
    LineCipher lines = new LineCipher(cipher, handle.id, id -> placeIn(session, id, earlier.getOrDefault(id, 0)));
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      EventCodec.write(event, out, lines);
      EventCodec.messageId(event).ifPresent(id -> earlier.merge(id, 1, Integer::sum));
      ends[i] = out.size();
    }
    FileChannel ch = sessions.channel(handle, session);
    if (session.fileLength > session.validLength) {
      setAsideTornTail(handle, session, ch);
    }
    int needed = session.header.version();
    for (Event event : events) {
      needed = Math.max(needed, EventVersion.of(event, lines.encrypts()));
    }
    if (needed > session.header.version()) {
      raiseVersion(handle, session, ch, needed);
    }
    Written written = new Written(handle, session, ch, events, session.validLength, out.size(), ends,
        lines.keyIds());
    try {
      Durable.writeFully(ch, ByteBuffer.wrap(out.toByteArray(), 0, out.size()), written.start());
    } catch (IOException e) {
      undo(written, e);
      throw e;
    }
    return written;
  }

  /** The second half of {@link #append}, once the lines are forced: folds them into the loaded session. */
  void commit(Written written) {
    SessionHandle handle = written.handle();
    LoadedSession session = written.session();
    long start = written.start();
    int[] ends = written.ends();
    List<? extends Event> events = written.events();
    session.validLength = start + written.length();
    session.fileLength = session.validLength;
    int lineStart = 0;
    for (int i = 0; i < events.size(); i++) {
      long lineNo = session.lines + 1;
      try {
        session.apply(events.get(i), start + lineStart, ends[i] - lineStart - 1, lineNo);
      } catch (BadLine e) { // a check before the write missed something: say where the line is
        sessions.unload(handle);
        throw new CorruptDataException(handle.file() + " line " + lineNo, e.getMessage(), e);
      }
      session.lines = lineNo;
      lineStart = ends[i];
    }
    session.sealedWith(written.keyIds());
    sessions.changed(handle, session);
  }

  /**
   * Cuts off lines {@link #write} wrote whose write or force failed with {@code e}, so the failed call
   * leaves nothing behind; if even that fails, the session is unloaded, and its next use replays the
   * file and treats the rest as a torn tail.
   */
  void undo(Written written, IOException e) {
    try {
      written.channel().truncate(written.start());
      syncer.written(written.channel());
    } catch (IOException again) {
      e.addSuppressed(again);
      sessions.unload(written.handle());
    }
  }

  /** Lines for {@code messages} as one all-or-nothing batch. */
  static List<MessageAppended> batch(java.time.Instant at, List<LineMessage> messages) {
    int size = messages.size();
    return java.util.stream.IntStream.range(0, size)
        .mapToObj(i -> new MessageAppended(at, messages.get(i), i == 0 && size > 1 ? size : 0))
        .toList();
  }

  /**
   * Writes the newer version over the header's number, the line's length unchanged, and forces it
   * whatever the fsync policy (once in a file's life): the lines that need it are written only after.
   * Should their write then fail, the header stays raised, which only keeps a version-1 reader from a
   * file it could have read.
   */
  private static void raiseVersion(SessionHandle handle, LoadedSession session, FileChannel ch, int version)
      throws IOException {
    SessionHeader header = session.header;
    Durable.writeFully(ch, ByteBuffer.wrap(header.versionText(version)), header.versionOffset());
    ch.force(false);
    session.header = header.raisedTo(version);
    LOG.debug("{}: header raised from format version {} to {}", handle.file(), header.version(), version);
  }

  /** Moves the bytes after the good part to {@code ID.jsonl.torn} and cuts them off; call under the lock. */
  void setAsideTornTail(SessionHandle handle, LoadedSession session, FileChannel ch) throws IOException {
    long from = session.validLength;
    int length = (int) Math.min(Integer.MAX_VALUE, session.fileLength - from);
    ByteBuffer tail = ByteBuffer.allocate(length);
    while (tail.hasRemaining() && ch.read(tail, from + tail.position()) >= 0) {
      // reads until full or the end of the file
    }
    tail.flip();
    Path torn = sessions.folder().tornFile(handle.id);
    try (FileChannel t = Durable.openOwnerOnly(torn, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS))) {
      t.write(tail);
      t.write(ByteBuffer.wrap(new byte[] {'\n'}));
      if (syncer.syncs()) {
        t.force(true);
      }
    }
    syncer.dirChanged(torn.getParent());
    ch.truncate(from);
    syncer.written(ch);
    LOG.warn("{}: moved a torn tail of {} bytes to {} and cut it off", handle.file(), length, torn);
    session.fileLength = from;
  }
}
