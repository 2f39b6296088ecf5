package dev.chatstore.file.internal;

import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.MessageStatus;
import dev.chatstore.StreamOptions;
import dev.chatstore.file.internal.Event.StreamBegun;
import dev.chatstore.file.internal.Event.StreamFinished;
import dev.chatstore.file.internal.Event.StreamFlushed;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.StreamDelta;
import dev.chatstore.spi.StreamSink;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The file store's side of a stream: each begin, flush and finish is one line appended to the
 * session file (a flush carries only the delta added since the last one, on every channel, so no
 * character is written twice), forced per the fsync policy before the call returns. Where every
 * write is forced, the engine sends the calls that wait together as groups, written then forced all
 * at once ({@link GroupAppend}). Thread-safe.
 */
final class FileStreamSink implements StreamSink {
  /** The most writes one group takes: a hundred streams' writes of one flush delay come in two. */
  static final int MAX_GROUPED_WRITES = 64;

  private final FileContext ctx;
  private final Gate gate;
  private final GroupAppend groups;

  FileStreamSink(FileContext ctx, Gate gate) {
    this.ctx = ctx;
    this.gate = gate;
    this.groups = new GroupAppend(ctx, gate);
  }

  @Override
  public Message begin(String sessionId, String messageId, StreamOptions options) {
    Checks.id(sessionId, "sessionId");
    String metadata = ctx.encode(options.metadata());
    return gate.run(() -> ctx.sessions.with(sessionId, (handle, s) -> {
      StreamBegun line = begun(s, sessionId, messageId, options, metadata);
      ctx.writer.append(handle, s, line);
      return line.message().toMessage(sessionId, ctx.decodeMessageMetadata(metadata));
    }));
  }

  @Override
  public void write(String sessionId, String messageId, StreamDelta delta) {
    gate.run(() -> ctx.sessions.with(sessionId, (handle, s) -> {
      running(s, sessionId, messageId);
      ctx.writer.append(handle, s, new StreamFlushed(ctx.now(), messageId, delta));
      return null;
    }));
  }

  @Override
  public Message finish(String sessionId, String messageId, StreamDelta delta, MessageStatus status,
      MessageMetadata metadata) {
    String encoded = ctx.encode(metadata);
    return gate.run(() -> ctx.sessions.with(sessionId, (handle, s) -> {
      MessageSlot slot = running(s, sessionId, messageId);
      ctx.writer.append(handle, s, new StreamFinished(ctx.now(), messageId, delta, status, encoded));
      return ctx.read(handle, s, slot);
    }));
  }

  /**
   * Where every write is forced, 64: a group of writes to different files is forced all at once
   * ({@link GroupAppend}), which takes far less time than forcing them in turn. Otherwise 1: a write
   * without a force costs little, and streams write side by side on their own threads.
   */
  @Override
  public int maxGroupedWrites() {
    return ctx.syncer.forcesEachWrite() ? MAX_GROUPED_WRITES : 1;
  }

  @Override
  public Results beginAll(List<Begin> begins) {
    List<GroupAppend.Call<Message>> calls = new ArrayList<>(begins.size());
    for (Begin b : begins) {
      calls.add(new GroupAppend.Call<>(b.sessionId(), (handle, s) -> {
        String metadata = ctx.encode(b.options().metadata());
        StreamBegun line = begun(s, b.sessionId(), b.messageId(), b.options(), metadata);
        return new GroupAppend.Planned<>(line,
            () -> line.message().toMessage(b.sessionId(), ctx.decodeMessageMetadata(metadata)));
      }));
    }
    GroupAppend.Outcomes<Message> done = groups.run(calls);
    return new Results(done.answers(), done.failures());
  }

  @Override
  public Map<Integer, RuntimeException> writeAll(List<Write> writes) {
    List<GroupAppend.Call<Void>> calls = new ArrayList<>(writes.size());
    for (Write w : writes) {
      calls.add(new GroupAppend.Call<>(w.sessionId(), (handle, s) -> {
        running(s, w.sessionId(), w.messageId());
        return new GroupAppend.Planned<>(new StreamFlushed(ctx.now(), w.messageId(), w.delta()),
            () -> null);
      }));
    }
    return groups.run(calls).failures();
  }

  @Override
  public Results finishAll(List<Finish> finishes) {
    List<GroupAppend.Call<Message>> calls = new ArrayList<>(finishes.size());
    for (Finish f : finishes) {
      calls.add(new GroupAppend.Call<>(f.sessionId(), (handle, s) -> {
        String metadata = ctx.encode(f.metadata());
        MessageSlot slot = running(s, f.sessionId(), f.messageId());
        StreamFinished line = new StreamFinished(ctx.now(), f.messageId(), f.delta(), f.status(), metadata);
        return new GroupAppend.Planned<>(line, () -> ctx.read(handle, s, slot));
      }));
    }
    GroupAppend.Outcomes<Message> done = groups.run(calls);
    return new Results(done.answers(), done.failures());
  }

  /** The line that begins a stream: its message PENDING at the session's next seq. */
  private StreamBegun begun(LoadedSession s, String sessionId, String messageId, StreamOptions options,
      String metadata) {
    FileContext.requireNotDeleted(s);
    if (s.byId.containsKey(messageId)) {
      throw new ConflictException(ConflictException.Reason.ALREADY_EXISTS,
          "a message with id " + messageId + " exists in session " + sessionId);
    }
    Instant now = ctx.now();
    return new StreamBegun(LineMessage.pending(messageId, s.messageCount() + 1, options.role(), metadata, now));
  }

  /** The slot of a message still streaming; a message ended meanwhile (recovered) is a conflict. */
  private static MessageSlot running(LoadedSession s, String sessionId, String messageId) {
    MessageSlot slot = s.byId.get(messageId);
    if (slot == null) {
      throw new MessageNotFoundException(sessionId, messageId);
    }
    if (slot.isFinal()) {
      throw new ConflictException(ConflictException.Reason.STREAM_CLOSED,
          "message " + messageId + " of session " + sessionId + " was already ended (recovered as "
              + slot.status + ")");
    }
    return slot;
  }

}
