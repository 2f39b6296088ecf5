package dev.chatstore.file.internal;

import dev.chatstore.CorruptDataException;
import dev.chatstore.MessageStatus;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.crypto.MissingKeyException;
import dev.chatstore.file.internal.Event.MessageUpdated;
import dev.chatstore.spi.StreamRecovery;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * recoverAbandonedStreams: marks INTERRUPTED the messages {@link StreamRecovery} calls abandoned
 * (left PENDING or STREAMING, idle for the given time, open in no stream of this store). Only
 * sessions whose summary counts unfinished messages are opened, so recovery on open does not read
 * every file. Thread-safe.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
  private final FileContext ctx;

  Recovery(FileContext ctx) {
    this.ctx = ctx;
  }

  int recover(Duration idleFor) throws IOException {
    StreamRecovery run = StreamRecovery.at(ctx.now(), idleFor);
    int marked = 0;
    for (SessionHandle handle : ctx.sessions.withUnfinished()) {
      try {
        marked += ctx.sessions.with(handle, (h, s) -> recover(h, s, run));
      } catch (SessionNotFoundException e) {
        // purged meanwhile
      } catch (CorruptDataException | MissingKeyException e) {
        LOG.warn("cannot recover streams of session {}: {}", handle.id, e.getMessage());
      }
    }
    return marked;
  }

  private int recover(SessionHandle handle, LoadedSession s, StreamRecovery run) throws IOException {
    Instant now = ctx.now();
    List<MessageUpdated> updates = new ArrayList<>();
    for (MessageSlot slot : s.unfinished) {
      if (run.marks(slot.status, slot.updatedAt, ctx.engine.isOpen(s.id, slot.id))) {
        updates.add(new MessageUpdated(now, slot.id, Optional.of(MessageStatus.INTERRUPTED), Optional.empty()));
      }
    }
    if (!updates.isEmpty()) {
      ctx.writer.append(handle, s, updates);
      LOG.info("session {}: marked {} abandoned stream(s) INTERRUPTED", s.id, updates.size());
    }
    return updates.size();
  }
}
