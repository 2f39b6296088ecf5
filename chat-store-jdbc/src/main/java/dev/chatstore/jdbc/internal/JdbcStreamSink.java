package dev.chatstore.jdbc.internal;

import dev.chatstore.ConflictException;
import dev.chatstore.CorruptDataException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.NotFoundException;
import dev.chatstore.StreamOptions;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.StreamDelta;
import dev.chatstore.spi.StreamSink;
import dev.chatstore.jdbc.internal.GroupWrite.Progress;
import dev.chatstore.metadata.MessageMetadata;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The writes of streamed messages. A flush inserts one row into {@code chatstore_stream_chunks}
 * (numbered per message, holding its text and, if it has any, its reasoning, signature and
 * attachments) instead of rewriting the message, so a flush costs the same at the end of a 1 MB reply
 * as at its start; readers see content + chunks. The end folds the chunks into the message once.
 *
 * <p>Begins, flushes and ends of many streams come in groups ({@link #beginAll}, {@link #writeAll},
 * {@link #finishAll}), each
 * group one transaction and one commit: that is what lets H2, which commits one transaction at a
 * time, keep up with a hundred streams. A group's flushes are written by {@link GroupWrite}.
 *
 * <p>A flush whose commit reached the database but whose acknowledgement was lost (the connection
 * dropped at that moment) is retried by the stream engine with the same delta at its head. The sink
 * knows the chunk number it expects next: the retry, a checked single write, recognises the
 * committed attempt ({@link ChunkTable.Chunk#restOf}) and writes only the rest, so nothing (text,
 * reasoning, tool calls, attachments) is stored twice.
 *
 * <p>Thread-safe: calls for different messages may overlap; the engine never overlaps calls for one.
 */
final class JdbcStreamSink implements StreamSink {
  /**
   * Flushes per group transaction: a hundred streams in a few commits, each holding its locks briefly.
   * (Begins and ends come in smaller groups: see StreamSink.)
   */
  static final int MAX_GROUP = 64;

  private final JdbcContext ctx;
  private final Appender appender;
  private final GroupWrite group;
  private final GroupBegin groupBegin;
  private final GroupEnd groupEnd;
  /** Where each open stream of this sink stands. */
  private final Map<Key, Progress> progress = new ConcurrentHashMap<>();

  JdbcStreamSink(JdbcContext ctx) {
    this.ctx = ctx;
    this.appender = new Appender(ctx);
    this.group = new GroupWrite(ctx);
    this.groupBegin = new GroupBegin(ctx);
    this.groupEnd = new GroupEnd(ctx);
  }

  @Override
  public Message begin(String sessionId, String messageId, StreamOptions options) {
    Checks.id(sessionId, "sessionId");
    Appender.Row row = pendingRow(messageId, options);
    Instant now = ctx.now();
    Message begun = ctx.db().inTransaction("opening a stream in session " + sessionId,
        h -> appender.append(h, sessionId, List.of(row), false, now).get(0));
    progress.put(new Key(sessionId, begun.id()), Progress.begun(now));
    return begun;
  }

  /**
   * The begins in one transaction (see {@link GroupBegin}). A begin in a session that does not exist
   * fails alone; if the transaction fails on something else, see {@link #inOneTransaction}.
   */
  @Override
  public Results beginAll(List<Begin> begins) {
    Instant now = ctx.now();
    Results done = inOneTransaction("opening " + begins.size() + " streams", begins,
        b -> new GroupBegin.Item(Checks.id(b.sessionId(), "sessionId"), pendingRow(b.messageId(), b.options())),
        (c, items) -> groupBegin.run(c, items, now), StreamSink.super::beginAll);
    done.messages().values().forEach(m -> progress.put(new Key(m.sessionId(), m.id()), Progress.begun(now)));
    return done;
  }

  /** A group's work inside its transaction: each item's outcome, by its index in {@code items}. */
  @FunctionalInterface
  private interface GroupWork<I> {
    Results run(Connection c, List<I> items) throws SQLException;
  }

  /**
   * Prepares each of {@code inputs} into an item (an input that {@code prepare} refuses fails alone)
   * and runs {@code work} on the items in one transaction; the outcomes are by index in
   * {@code inputs}. If the transaction fails, {@code each} runs every prepared input on its own when
   * the failure came from the work itself (so it was rolled back) and not from an unreachable or busy
   * database; that isolates an item the database refuses. A failed commit may have landed, and a
   * begin or an end done twice would not be the same (a second message, a STREAM_CLOSED for an end
   * that worked), so then, as when the database is away, every item fails with the failure.
   */
  private <T, I> Results inOneTransaction(String what, List<T> inputs, Function<T, I> prepare, GroupWork<I> work,
      Function<List<T>, Results> each) {
    Map<Integer, RuntimeException> failures = new HashMap<>();
    List<I> items = new ArrayList<>(inputs.size());
    List<Integer> indexes = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      try {
        items.add(prepare.apply(inputs.get(i)));
        indexes.add(i);
      } catch (RuntimeException e) {
        failures.put(i, e);
      }
    }
    if (items.isEmpty()) {
      return new Results(Map.of(), failures);
    }
    Results done;
    AtomicBoolean worked = new AtomicBoolean();
    try {
      done = ctx.db().inTransaction(what, h -> {
        Results results = work.run(h.getConnection(), items);
        worked.set(true);
        return results;
      });
    } catch (RuntimeException e) {
      done = worked.get() || SqlErrors.isTransient(e) ? new Results(Map.of(), StreamSink.allFailed(items.size(), e))
          : each.apply(indexes.stream().map(inputs::get).toList());
    }
    Map<Integer, Message> messages = new HashMap<>();
    done.messages().forEach((k, m) -> messages.put(indexes.get(k), m));
    done.failures().forEach((k, e) -> failures.put(indexes.get(k), e));
    return new Results(messages, failures);
  }

  /** The PENDING row a stream begins with: empty, the options' metadata. */
  private Appender.Row pendingRow(String messageId, StreamOptions options) {
    Checks.id(messageId, "messageId");
    Checks.notNull(options, "options");
    String metadataJson = ctx.rules().encode(options.metadata());
    MessageMetadata metadata = ctx.rules().messageCodec().decode(metadataJson);
    return Appender.Row.pending(messageId, options, metadata, metadataJson);
  }

  @Override
  public void write(String sessionId, String messageId, StreamDelta delta) {
    Map<Integer, RuntimeException> failures = writeAll(List.of(new Write(sessionId, messageId, delta)));
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  /**
   * The writes in one transaction (see {@link GroupWrite}). A write whose stream has ended or whose
   * message is gone fails alone. If the transaction fails because a chunk number was taken (by an
   * earlier commit whose answer was lost) or because the database refused one of the writes, each
   * write is tried again on its own, checked against the chunks stored: that stores a chunk once and
   * isolates a write the database refuses. If it fails because the database is unreachable or busy,
   * every write fails and the engine retries later.
   */
  @Override
  public Map<Integer, RuntimeException> writeAll(List<Write> writes) {
    List<Progress> at = new ArrayList<>(writes.size());
    Instant now = ctx.now();
    writes.forEach(w -> at.add(progressOf(key(w), now)));
    GroupWrite.Result result;
    try {
      result = ctx.db().inTransaction(writes.size() == 1 ? "writing stream " + writes.get(0).messageId()
          : "writing " + writes.size() + " streams", h -> group.run(h.getConnection(), writes, at, now));
    } catch (RuntimeException e) {
      if (!SqlErrors.isDuplicateKey(e) && (writes.size() == 1 || SqlErrors.isTransient(e))) {
        // Nothing to isolate, or the database is away for all of them: the engine retries later, and
        // if the failed commit did land, that retry finds the chunk number taken.
        return StreamSink.allFailed(writes.size(), e);
      }
      Map<Integer, RuntimeException> failures = new HashMap<>();
      for (int i = 0; i < writes.size(); i++) {
        try {
          writeChecked(writes.get(i), at.get(i));
        } catch (RuntimeException again) {
          failures.put(i, again);
        }
      }
      return failures;
    }
    result.progress().forEach((i, p) -> progress.put(key(writes.get(i)), p));
    result.failures().keySet().forEach(i -> progress.remove(key(writes.get(i)))); // those streams cannot go on
    return result.failures();
  }

  @Override
  public int maxGroupedWrites() {
    return MAX_GROUP;
  }

  /**
   * One write in its own transaction, after reading the chunks stored from its expected number on: a
   * chunk there was committed by an attempt whose answer was lost, and only the rest is written.
   */
  private void writeChecked(Write w, Progress at) {
    Instant now = ctx.now();
    GroupWrite.Result result = ctx.db().inTransaction("writing stream " + w.messageId(), h -> {
      Unfinished.lockSessions(h.getConnection(), List.of(w.sessionId()));
      StreamDelta rest = w.delta();
      int number = at.nextChunk();
      // (An index range read of usually nothing: the cost does not grow with the reply.)
      for (ChunkTable.Chunk c : ctx.chunkTable().read(h.getConnection(), w.sessionId(), w.messageId(),
          at.nextChunk())) {
        rest = c.restOf(rest).orElseThrow(() -> new CorruptDataException("chatstore_stream_chunks session_id="
            + w.sessionId() + " message_id=" + w.messageId() + " chunk_no=" + c.number(),
            "holds what this stream did not write at that point"));
        number = c.number() + 1;
      }
      return group.run(h.getConnection(), List.of(new Write(w.sessionId(), w.messageId(), rest)),
          List.of(new Progress(number, at.markedAt())), now);
    });
    if (!result.failures().isEmpty()) {
      progress.remove(key(w)); // ended or gone: the stream cannot go on
      throw result.failures().get(0);
    }
    progress.put(key(w), result.progress().get(0));
  }

  @Override
  public Message finish(String sessionId, String messageId, StreamDelta delta, MessageStatus status,
      MessageMetadata metadata) {
    Key key = new Key(sessionId, messageId);
    Instant now = ctx.now();
    GroupEnd.Item item = new GroupEnd.Item(sessionId, messageId, progressOf(key, now).nextChunk(), delta, status,
        Optional.of(ctx.rules().encode(metadata)));
    // A failure thrown here leaves the progress: the engine may try the end again.
    Results done = ctx.db().inTransaction("ending stream " + messageId,
        h -> groupEnd.run(h.getConnection(), List.of(item), now, true));
    progress.remove(key); // ended, or it cannot be (ended elsewhere, gone)
    return GroupEnd.only(done);
  }

  /**
   * True if an end that failed with {@code e} leaves nothing to retry (the stream ended elsewhere or
   * its message is gone). After any other failure the engine may try the end again, and it needs the
   * stream's progress then: the chunk number from which stored chunks may repeat the last text.
   */
  private static boolean ends(RuntimeException e) {
    return e instanceof ConflictException || e instanceof NotFoundException;
  }

  /**
   * The ends in one transaction (see {@link GroupEnd}): one commit for replies that end together. As
   * with {@link #writeAll}, an end whose stream has ended elsewhere or whose message is gone fails
   * alone; if the transaction fails on something else, see {@link #inOneTransaction}.
   */
  @Override
  public Results finishAll(List<Finish> finishes) {
    Instant now = ctx.now();
    Results done = inOneTransaction("ending " + finishes.size() + " streams", finishes,
        f -> new GroupEnd.Item(f.sessionId(), f.messageId(), progressOf(key(f), now).nextChunk(), f.delta(),
            f.status(), Optional.of(ctx.rules().encode(f.metadata()))),
        (c, items) -> groupEnd.run(c, items, now, true), StreamSink.super::finishAll);
    done.messages().keySet().forEach(i -> progress.remove(key(finishes.get(i))));
    done.failures().forEach((i, e) -> {
      if (ends(e)) {
        progress.remove(key(finishes.get(i)));
      }
    });
    return done;
  }

  /** A stream this sink did not begin (it cannot happen through the engine) starts from chunk 1. */
  private Progress progressOf(Key key, Instant now) {
    Progress p = progress.get(key);
    return p != null ? p : Progress.begun(now);
  }

  private static Key key(Write w) {
    return new Key(w.sessionId(), w.messageId());
  }

  private static Key key(Finish f) {
    return new Key(f.sessionId(), f.messageId());
  }

  private record Key(String sessionId, String messageId) {}
}
