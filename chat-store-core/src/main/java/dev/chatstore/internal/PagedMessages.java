package dev.chatstore.internal;

import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.Page;
import dev.chatstore.SessionStore;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A session's messages in order, read one page at a time by seq, so a whole history of any length
 * is walked in bounded memory. Not thread-safe: one walk per stream, as streams are.
 */
public final class PagedMessages implements Spliterator<Message> {
  private final SessionStore store;
  private final String sessionId;
  private final int pageSize;
  private Iterator<Message> page;
  private long lastSeq;
  private boolean exhausted; // the last read found nothing new

  private PagedMessages(SessionStore store, String sessionId, int pageSize, Page<Message> first) {
    this.store = store;
    this.sessionId = sessionId;
    this.pageSize = pageSize;
    take(first.items());
  }

  /**
   * The walk, its first page read now so an unknown session or a closed store fails at the call, not
   * later inside the stream.
   */
  public static Stream<Message> of(SessionStore store, String sessionId, int pageSize) {
    Page<Message> first = store.messages(sessionId, MessageQuery.afterSeq(0, pageSize));
    return StreamSupport.stream(new PagedMessages(store, sessionId, pageSize, first), false);
  }

  @Override
  public boolean tryAdvance(Consumer<? super Message> action) {
    if (!page.hasNext()) {
      if (exhausted) {
        return false;
      }
      // Read on even after a short page: messages appended meanwhile are there to be reached.
      take(store.messages(sessionId, MessageQuery.afterSeq(lastSeq, pageSize)).items());
      if (!page.hasNext()) {
        return false;
      }
    }
    Message next = page.next();
    lastSeq = next.seq();
    action.accept(next);
    return true;
  }

  private void take(List<Message> items) {
    page = items.iterator();
    exhausted = items.isEmpty();
  }

  @Override
  public Spliterator<Message> trySplit() {
    return null; // pages follow one another: nothing to split
  }

  @Override
  public long estimateSize() {
    return Long.MAX_VALUE;
  }

  @Override
  public int characteristics() {
    return ORDERED | NONNULL | DISTINCT;
  }
}
