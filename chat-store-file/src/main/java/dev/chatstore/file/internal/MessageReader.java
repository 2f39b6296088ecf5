package dev.chatstore.file.internal;

import dev.chatstore.spi.StreamSum;
import dev.chatstore.CorruptDataException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageStatus;
import dev.chatstore.Part;
import dev.chatstore.file.internal.Event.MessageAppended;
import dev.chatstore.file.internal.Event.MessageRevised;
import dev.chatstore.file.internal.Event.MessageUpdated;
import dev.chatstore.file.internal.Event.StreamBegun;
import dev.chatstore.file.internal.Event.StreamFinished;
import dev.chatstore.file.internal.Event.StreamFlushed;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.spi.FieldCipher;
import dev.chatstore.spi.MessageBody;
import dev.chatstore.spi.Revisions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads whole messages back from the lines their slots point at: the creating line, then every
 * flush, finish, update and revision, folded in file order (a stream's deltas summed by
 * {@link StreamSum}; the latest revision's parts replacing what the message said). A message's history
 * comes from the same lines: revision 1 is what its own lines hold, each {@code message.revised} line
 * the next, so nothing of it is kept in memory between reads. Lines close together are fetched in one
 * read, so a page costs a few reads and parses only its own lines. A message marked damaged on replay
 * is not read: asking for it throws its {@link Damage}. Not thread-safe: call under the session's lock.
 */
final class MessageReader {
  /** Lines at most this far apart are read together rather than seeking. */
  private static final int GAP = 64 * 1024;
  /** A single read covers at most this many bytes unless one line is longer. */
  private static final int MAX_READ = 4 * 1024 * 1024;

  private MessageReader() {}

  /** The messages of {@code slots}, in the order given. */
  static List<Message> read(LoadedSession session, Path file, FileChannel channel, List<MessageSlot> slots,
      Function<String, MessageMetadata> metadata, FieldCipher cipher) throws IOException {
    Fold[] folds = fold(session.id, file, channel, slots, cipher);
    List<Message> out = new ArrayList<>(slots.size());
    for (Fold fold : folds) {
      out.add(fold.toMessage(session.id, file, metadata));
    }
    return out;
  }

  /** Every revision of the message of {@code slot}, oldest first, by core's {@link Revisions#history}. */
  static List<MessageRevision> revisions(LoadedSession session, Path file, FileChannel channel, MessageSlot slot,
      Function<String, MessageMetadata> metadata, FieldCipher cipher) throws IOException {
    Fold fold = fold(session.id, file, channel, List.of(slot), cipher)[0];
    return Revisions.history(fold.toMessage(session.id, file, metadata), fold.stored());
  }

  private static Fold[] fold(String sessionId, Path file, FileChannel channel, List<MessageSlot> slots,
      FieldCipher cipher) throws IOException {
    for (MessageSlot slot : slots) {
      if (slot.isDamaged()) { // before any read: a page holding it fails whole, as a JDBC page does
        throw slot.damage().at(file, slot.id);
      }
    }
    List<long[]> refs = new ArrayList<>(); // {offset, length, lineNo, slot index, place among the slot's lines}
    for (int i = 0; i < slots.size(); i++) {
      MessageSlot slot = slots.get(i);
      for (int j = 0; j < slot.lineCount(); j++) {
        refs.add(new long[] {slot.lineOffset(j), slot.lineLength(j), slot.lineNo(j), i, j});
      }
    }
    refs.sort(Comparator.comparingLong(r -> r[0]));
    Fold[] folds = new Fold[slots.size()];
    int start = 0;
    while (start < refs.size()) {
      int end = start + 1;
      long from = refs.get(start)[0];
      long to = from + refs.get(start)[1] + 1;
      while (end < refs.size()) {
        long[] next = refs.get(end);
        long nextEnd = next[0] + next[1] + 1;
        if (next[0] - to > GAP || nextEnd - from > MAX_READ) {
          break;
        }
        to = Math.max(to, nextEnd);
        end++;
      }
      byte[] bytes = readRange(channel, from, (int) (to - from));
      for (int k = start; k < end; k++) {
        long[] ref = refs.get(k);
        int slotIndex = (int) ref[3];
        Event event = parse(file, bytes, (int) (ref[0] - from), (int) ref[1], ref[2],
            LineCipher.at(cipher, sessionId, (int) ref[4]));
        if (folds[slotIndex] == null) {
          folds[slotIndex] = new Fold(ref[2]);
        }
        folds[slotIndex].apply(event, slots.get(slotIndex).id, file, ref[2]);
      }
      start = end;
    }
    return folds;
  }

  private static byte[] readRange(FileChannel channel, long from, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    long pos = from;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, pos);
      if (n < 0) {
        throw new IOException("the file ended at byte " + pos + " where " + (from + length) + " were expected");
      }
      pos += n;
    }
    return buf.array();
  }

  private static Event parse(Path file, byte[] bytes, int off, int len, long lineNo, LineCipher cipher) {
    try {
      return EventReader.read(bytes, off, len, cipher);
    } catch (BadLine e) {
      throw SessionLog.corrupt(file, lineNo, e);
    }
  }

  /** One message being put together from its events. */
  private static final class Fold {
    private long metadataLine;
    private LineMessage base;
    private StreamSum streamed; // of a message a stream.begun line created
    private MessageStatus status;
    private String metadataJson;
    private Instant updatedAt;
    private int revision = 1;
    private List<Part> revisedParts; // null until a revision line
    private final List<MessageRevision> revisions = new ArrayList<>(); // from revision 2

    Fold(long firstLine) {
      this.metadataLine = firstLine;
    }

    void apply(Event event, String expectedId, Path file, long lineNo) {
      if (event instanceof MessageAppended a) {
        start(a.message(), expectedId, file, lineNo);
      } else if (event instanceof StreamBegun b) {
        start(b.message(), expectedId, file, lineNo);
        streamed = new StreamSum();
      } else if (base == null) {
        throw mismatch(file, lineNo, expectedId);
      } else if (event instanceof StreamFlushed f && f.id().equals(expectedId) && streamed != null) {
        streamed.add(f.delta());
        status = MessageStatus.STREAMING;
        updatedAt = f.at();
      } else if (event instanceof StreamFinished f && f.id().equals(expectedId) && streamed != null) {
        streamed.add(f.delta());
        status = f.status();
        metadataJson = f.metadataJson();
        metadataLine = lineNo;
        updatedAt = f.at();
      } else if (event instanceof MessageUpdated u && u.id().equals(expectedId)) {
        u.status().ifPresent(s -> status = s);
        if (u.metadataJson().isPresent()) {
          metadataJson = u.metadataJson().get();
          metadataLine = lineNo;
        }
        updatedAt = u.at();
      } else if (event instanceof MessageRevised r && r.id().equals(expectedId)) {
        revision = r.revision();
        revisedParts = r.parts();
        if (r.metadataJson().isPresent()) {
          metadataJson = r.metadataJson().get();
          metadataLine = lineNo;
        }
        updatedAt = r.revisedAt();
        revisions.add(new MessageRevision(r.revision(), r.parts(), r.author(), r.revisedAt()));
      } else {
        throw mismatch(file, lineNo, expectedId);
      }
    }

    /** What the message's parts were as appended or streamed: its revision 1. */
    private MessageBody original() {
      return streamed == null ? base.body() : streamed.body();
    }

    /**
     * The revisions the file stores, as {@link Revisions#history} takes them: none for a message never
     * revised, else revision 1 (its own lines, at its creation) and every revision line.
     */
    List<MessageRevision> stored() {
      if (revisions.isEmpty()) {
        return List.of();
      }
      List<MessageRevision> all = new ArrayList<>(revisions.size() + 1);
      all.add(new MessageRevision(1, original().parts(), Optional.empty(), base.createdAt()));
      all.addAll(revisions);
      return all;
    }

    private void start(LineMessage m, String expectedId, Path file, long lineNo) {
      if (base != null || !m.id().equals(expectedId)) {
        throw mismatch(file, lineNo, expectedId);
      }
      base = m;
      status = m.status();
      metadataJson = m.metadataJson();
      updatedAt = m.updatedAt();
    }

    Message toMessage(String sessionId, Path file, Function<String, MessageMetadata> metadata) {
      // a streamed message's parts are what its deltas sum to, whatever its status now (mid-stream,
      // finished, interrupted, recovered); a whole one keeps the body its line holds; a revision
      // replaces the parts only, attributes and name stay
      MessageBody original = original();
      MessageBody body = revisedParts == null ? original
          : new MessageBody(revisedParts, original.attributesJson(), original.name());
      LineMessage m = new LineMessage(base.id(), base.seq(), base.role(), body, status,
          streamed == null ? base.toolCalls() : streamed.toolCalls(), base.toolResults(), metadataJson,
          base.createdAt(), updatedAt);
      try {
        return m.toMessage(sessionId, metadata.apply(metadataJson), revision);
      } catch (InvalidInputException e) {
        throw new CorruptDataException(file + " line " + metadataLine,
            "the metadata of message " + m.id() + " does not decode: " + e.getMessage(), e);
      }
    }

    private static CorruptDataException mismatch(Path file, long lineNo, String expectedId) {
      return new CorruptDataException(file + " line " + lineNo,
          "the file changed while the store had it open: expected an event of message " + expectedId);
    }
  }

}
