package dev.chatstore.jdbc.internal;

import dev.chatstore.ConflictException;
import dev.chatstore.CorruptDataException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.NotFoundException;
import dev.chatstore.StreamOptions;
import dev.chatstore.ToolCall;
import dev.chatstore.internal.Checks;
import dev.chatstore.internal.stream.StreamSink;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The three writes of a streamed message, each one short transaction. A flush inserts one row into
 * {@code chatstore_stream_chunks} (numbered per message) instead of rewriting the content, so a flush
 * costs the same at the end of a 1 MB reply as at its start; readers see content + chunks. The end
 * folds the chunks into the content once.
 *
 * <p>A flush whose commit reached the database but whose acknowledgement was lost (the connection
 * dropped at that moment) is retried by the stream engine with the same text at its head. The sink
 * knows the chunk number it expects next, so it recognises the committed attempt and writes only the
 * rest: no text is stored twice.
 *
 * <p>Thread-safe: calls for different messages may overlap; the engine never overlaps calls for one.
 */
public final class JdbcStreamSink implements StreamSink {
  private final StoreContext ctx;
  private final Appender appender;
  private final Unfinished unfinished;
  /** The chunk number each stream of this sink writes next. */
  private final Map<Key, Integer> nextChunk = new ConcurrentHashMap<>();

  public JdbcStreamSink(StoreContext ctx) {
    this.ctx = ctx;
    this.appender = new Appender(ctx);
    this.unfinished = new Unfinished(ctx);
  }

  @Override
  public Message begin(String sessionId, StreamOptions options) {
    Checks.id(sessionId, "sessionId");
    Checks.notNull(options, "options");
    String metadataJson = ctx.rules().encode(options.metadata());
    MessageMetadata metadata = ctx.rules().messageCodec().decode(metadataJson);
    Appender.Row row = new Appender.Row(options.messageId(), options.role(), "", MessageStatus.PENDING, List.of(),
        Optional.empty(), metadata, metadataJson, Optional.empty());
    Instant now = ctx.now();
    Message begun = ctx.db().inTransaction("opening a stream in session " + sessionId,
        h -> appender.append(h, sessionId, List.of(row), false, now).get(0));
    nextChunk.put(new Key(sessionId, begun.id()), 1);
    return begun;
  }

  @Override
  public void write(String sessionId, String messageId, String text, List<ToolCall> toolCalls) {
    Key key = new Key(sessionId, messageId);
    int expected = nextChunk.getOrDefault(key, 1);
    Instant now = ctx.now();
    TextCodec codec = ctx.text();
    Dialect d = ctx.dialect();
    int next = forgetIfOver(key, () -> ctx.db().inTransaction("writing stream " + messageId, h -> {
      Unfinished.Locked locked = unfinished.lockStreaming(h, sessionId, messageId);
      String newText = text;
      List<ToolCall> newCalls = toolCalls;
      int number = expected;
      // Chunks at or past the expected number were committed by an attempt whose answer was lost.
      // (An index range read of usually nothing: the cost of a flush does not grow with the reply.)
      for (Unfinished.Chunk c : unfinished.chunks(h, sessionId, messageId, expected)) {
        if (!newText.startsWith(c.text()) || c.toolCalls() > newCalls.size()) {
          throw new CorruptDataException("chatstore_stream_chunks session_id=" + sessionId + " message_id="
              + messageId + " chunk_no=" + c.number(), "holds text this stream did not write at that point");
        }
        newText = newText.substring(c.text().length());
        newCalls = newCalls.subList(c.toolCalls(), newCalls.size());
        number = c.number() + 1;
      }
      if (newText.isEmpty() && newCalls.isEmpty()) {
        return number;
      }
      h.createUpdate("INSERT INTO chatstore_stream_chunks (session_id, message_id, chunk_no, chunk_text,"
              + " tool_call_count) VALUES (:session, :id, :no, :text, :calls)")
          .bind("session", sessionId)
          .bind("id", messageId)
          .bind("no", number)
          .bind("text", codec.text(newText))
          .bind("calls", newCalls.size())
          .execute();
      String setCalls = "";
      if (!newCalls.isEmpty()) {
        setCalls = ", tool_calls = " + d.json(":calls");
      }
      var update = h.createUpdate("UPDATE chatstore_messages SET status = 'STREAMING', updated_at = :now" + setCalls
              + " WHERE session_id = :session AND id = :id")
          .bind("now", Db.at(now))
          .bind("session", sessionId)
          .bind("id", messageId);
      if (!newCalls.isEmpty()) {
        List<ToolCall> all = new ArrayList<>(locked.toolCalls());
        all.addAll(newCalls);
        update.bind("calls", codec.json(ToolJson.calls(all)));
      }
      update.execute();
      h.createUpdate("UPDATE chatstore_sessions SET updated_at = :now WHERE id = :session")
          .bind("now", Db.at(now))
          .bind("session", sessionId)
          .execute();
      return number + 1;
    }));
    nextChunk.put(key, next);
  }

  @Override
  public Message finish(String sessionId, String messageId, String text, List<ToolCall> toolCalls,
      MessageStatus status, MessageMetadata metadata) {
    Key key = new Key(sessionId, messageId);
    int expected = nextChunk.getOrDefault(key, 1);
    String metadataJson = ctx.rules().encode(metadata);
    Instant now = ctx.now();
    Message done = forgetIfOver(key, () -> ctx.db().inTransaction("ending stream " + messageId, h -> {
      Unfinished.Locked locked = unfinished.lockStreaming(h, sessionId, messageId);
      List<Unfinished.Chunk> chunks = unfinished.chunks(h, sessionId, messageId);
      String rest = text;
      List<ToolCall> restCalls = toolCalls;
      for (Unfinished.Chunk c : chunks) {
        // as in write: a flush committed without our knowing is already in the chunks
        if (c.number() >= expected && rest.startsWith(c.text()) && c.toolCalls() <= restCalls.size()) {
          rest = rest.substring(c.text().length());
          restCalls = restCalls.subList(c.toolCalls(), restCalls.size());
        }
      }
      return unfinished.finish(h, sessionId, messageId, locked, chunks, rest, restCalls, status,
          Optional.of(metadataJson), now, true);
    }));
    nextChunk.remove(key);
    return done;
  }

  /**
   * Runs a write, forgetting the stream's chunk number if the write shows the stream cannot go on
   * (its message ended elsewhere or is gone). After a database failure it is kept: the engine retries.
   */
  private <T> T forgetIfOver(Key key, Supplier<T> write) {
    try {
      return write.get();
    } catch (ConflictException | NotFoundException e) {
      nextChunk.remove(key);
      throw e;
    }
  }

  private record Key(String sessionId, String messageId) {}
}
