package dev.chatstore.file.internal;

import dev.chatstore.ChatSession;
import dev.chatstore.ForkOrigin;
import dev.chatstore.Message;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.file.internal.Event.MessageAppended;
import dev.chatstore.file.internal.Event.SessionCreated;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.ForkCopy;
import dev.chatstore.spi.Ids;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * fork: writes a new session file holding copies of the source's messages up to one of them, read
 * and written a chunk at a time, so a long conversation is never held whole. The source file is
 * only read. Thread-safe.
 */
final class Forker {
  private static final int CHUNK = 256;
  private final FileContext ctx;
  private final SessionOps sessions;

  Forker(FileContext ctx, SessionOps sessions) {
    this.ctx = ctx;
    this.sessions = sessions;
  }

  ChatSession fork(String sessionId, String upToMessageId, String title) throws IOException {
    Checks.id(sessionId, "sessionId");
    Checks.id(upToMessageId, "upToMessageId");
    Checks.notNull(title, "title");
    ctx.rules.title(title);
    return ctx.sessions.with(sessionId, (handle, source) -> {
      FileContext.requireNotDeleted(source);
      MessageSlot upTo = source.byId.get(upToMessageId);
      if (upTo == null) {
        throw new MessageNotFoundException(sessionId, upToMessageId);
      }
      for (MessageSlot damaged : source.damaged) {
        if (damaged.seq <= upTo.seq) { // refused before the fork's file is begun, not halfway through it
          throw damaged.damage().at(handle.file(), damaged.id);
        }
      }
      SessionCreated created = new SessionCreated(ctx.now(), Ids.next(), source.owner, source.project, title,
          source.metadataJson, source.stateJson, Optional.of(new ForkOrigin(sessionId, upToMessageId)),
          Optional.empty()); // a key names one conversation: the fork is another
      return sessions.createFile(created, new Copies(handle, source, upTo.seq, created));
    });
  }

  /** The copies, read from the source a chunk at a time as the new file is written. */
  private final class Copies implements Iterator<MessageAppended> {
    private final SessionHandle handle;
    private final LoadedSession source;
    private final long last;
    private final SessionCreated fork;
    private final Deque<Message> ready = new ArrayDeque<>();
    private long next = 1;

    Copies(SessionHandle handle, LoadedSession source, long last, SessionCreated fork) {
      this.handle = handle;
      this.source = source;
      this.last = last;
      this.fork = fork;
    }

    @Override
    public boolean hasNext() {
      return !ready.isEmpty() || next <= last;
    }

    @Override
    public MessageAppended next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (ready.isEmpty()) {
        long to = Math.min(last, next + CHUNK - 1);
        try {
          ready.addAll(ctx.read(handle, source, new ArrayList<>(source.slots.subList((int) next - 1, (int) to))));
        } catch (IOException e) {
          throw Durable.unavailable("reading", handle.file(), e);
        }
        next = to + 1;
      }
      Message copy = ForkCopy.of(ready.poll(), fork.id(), Ids.next());
      return new MessageAppended(fork.at(), LineMessage.of(copy, ctx.encode(copy.metadata())), 0);
    }
  }
}
